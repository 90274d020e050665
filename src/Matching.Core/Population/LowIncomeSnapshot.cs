namespace Matching.Core.Population;

/// <summary>One full export of the low-income population: every active household and member.</summary>
public sealed record LowIncomeSnapshot(IReadOnlyList<Household> Households, IReadOnlyList<Member> Members);
