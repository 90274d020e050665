using Matching.Core.Population;

namespace Matching.Core.Rules;

/// <summary>
/// A <see cref="RulePopulation"/> as columns, one entry per person in the population's order (its person numbers), and
/// its households: what a persisted image of it holds (<see cref="RulePopulation.Columns"/>, <see cref="RulePopulation.FromColumns"/>).
/// </summary>
/// <param name="Keys">Each person's ID key.</param>
/// <param name="Names">Each person's name.</param>
/// <param name="HouseholdIds">Each person's household id.</param>
/// <param name="Relations">Each person's relation to the head (与户主关系).</param>
/// <param name="TekunSupport">Each person's 特困供养方式 as stored.</param>
/// <param name="Categories">Each person's categories.</param>
/// <param name="Flags">Each person's serious illness (1) and severe disability (2).</param>
/// <param name="Households">The households.</param>
public sealed record RulePopulationColumns(
    long[] Keys, PackedNames Names, string[] HouseholdIds, string[] Relations, string[] TekunSupport, AidCategory[] Categories,
    byte[] Flags, Household[] Households);
