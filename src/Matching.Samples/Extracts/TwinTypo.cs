using Matching.Samples.Population;

namespace Matching.Samples.Extracts;

/// <summary>A planned row of one twin with a typo in the ID, in the extract of <paramref name="Department"/>.</summary>
/// <param name="Twin">The twin whose row it is.</param>
/// <param name="Department">The extract the row goes to.</param>
/// <param name="TowardTwin">
/// The typo turns the last sequence digit into the other twin's, so the corrections of the typo hold both twins'
/// IDs and only the name can tell them apart; otherwise it is an arbitrary substitution or swap.
/// </param>
internal sealed record TwinTypo(Person Twin, string Department, bool TowardTwin);
