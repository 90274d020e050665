namespace Matching.Core.Departments;

/// <summary>
/// Source codes that are not a department's: the one word every layer (header maps, batches, warnings, the sample
/// writer) uses for the low-income population database, defined here once.
/// </summary>
public static class SourceCodes
{
    /// <summary>The low-income population database (低收入人口数据库): its header map, its batches' kind, its warnings' source.</summary>
    public const string LowIncome = "lowincome";
}
