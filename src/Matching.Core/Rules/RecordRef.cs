using Matching.Core.Linkage;

namespace Matching.Core.Rules;

/// <summary>
/// What a warning keeps of the record that raised it, once the record itself is gone: a run streams records and
/// keeps only this (per person, for the shapes that add records up).
/// </summary>
/// <param name="Department">The record's department.</param>
/// <param name="BatchId">Its batch.</param>
/// <param name="SourceRow">Its row.</param>
/// <param name="Method">How it matched.</param>
/// <param name="Name">The name as the record wrote it (a warning about a person not in the database shows it).</param>
internal readonly record struct RecordRef(string Department, long BatchId, long SourceRow, MatchMethod Method, string Name)
{
    public static RecordRef Of(RuleRecord record) =>
        new(record.Department, record.BatchId, record.SourceRow, record.Match.Method, record.Name);
}
