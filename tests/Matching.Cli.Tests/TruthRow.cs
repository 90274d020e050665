namespace Matching.Cli.Tests;

/// <summary>One row of a sample truth file: who the source row really is, and what was done to its ID.</summary>
public sealed record TruthRow(string SourceRow, string PersonId, bool InDatabase, string Damage)
{
    public static IReadOnlyList<TruthRow> Read(string path) =>
        [.. ResultCsv.Read(path).Select(r => new TruthRow(r["source_row"], r["person_id"], r["in_database"] == "1", r["damage"]))];
}
