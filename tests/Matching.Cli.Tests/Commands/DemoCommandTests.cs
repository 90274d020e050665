using Matching.Testing;

namespace Matching.Cli.Tests.Commands;

/// <summary>The demo on the committed sample data, checked against the sample's truth files.</summary>
public class DemoCommandTests
{
    /// <summary>Damage an ID survives: the true person can be told from the ID alone.</summary>
    private static readonly HashSet<string> Survivable =
        ["none", "spaces", "fullwidth", "lowercase_x", "apostrophe", "trailing_dot0", "id15", "certificate", "substitution", "swap",
            "certificate15", "separator_dropped", "separator_replaced", "separator_db_dropped", "annotation"];

    /// <summary>The sample's department files (medical bills come as two monthly files).</summary>
    private static readonly string[] Files = ["education", "unemployment", "illness", "disability", "medical-bills", "medical-bills-2026-11", "death", "disaster"];

    [Fact]
    public void SampleDate_IsTheGeneratorsReferenceDate()
    {
        // The package carries the sample data without its generator, so the demo writes the date down; regenerated
        // sample data on another date must move both.
        Assert.Equal(Matching.Samples.SampleGenerator.ReferenceDate, Cli.Commands.DemoCommand.SampleDate);
    }

    [Fact]
    public async Task Demo_SampleData_MatchesEverySurvivingIdAndNoWrongMatch()
    {
        using var cli = new CliRun();
        var outDir = cli.PathOf("out");

        var (exit, output, error) = await cli.RunAsync("demo", "--sample-data", RepositoryPaths.SampleData, "--out", outDir);

        Assert.True(exit == 0, error);
        Assert.Contains("8 department files matched", output, StringComparison.Ordinal);
        Assert.Contains("(ledger: ", output, StringComparison.Ordinal);

        // --out holds every output, the reject reports too (they went to ./out/rejects before issue 17).
        Assert.True(File.Exists(Path.Combine(outDir, "rejects", "lowincome", "lowincome.rejects.xlsx")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(outDir, "rejects", "education"), "*.rejects.xlsx"));
        foreach (var department in Files)
        {
            var results = ResultCsv.Read(Path.Combine(outDir, "match", department + ".csv")).ToDictionary(r => r["source_row"]);
            var truth = TruthRow.Read(Path.Combine(RepositoryPaths.SampleData, "truth", department + ".truth.csv"));

            Assert.Equal(truth.Select(t => t.SourceRow).Order(), results.Keys.Order());
            foreach (var t in truth)
            {
                var r = results[t.SourceRow];
                var where = $"{department} row {t.SourceRow} ({t.Damage})";
                if (r["status"] == "matched")
                {
                    Assert.True(t.InDatabase && r["matched_id"] == t.PersonId, $"wrong match at {where}");
                }
                else if (t.InDatabase && Survivable.Contains(t.Damage))
                {
                    Assert.Fail($"missed match at {where}: {r["status"]} {r["reason"]}");
                }

                if (t.Damage == "name_mismatch")
                {
                    Assert.StartsWith("name_mismatch", r["reason"], StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public async Task Demo_RunTwice_SecondRunSkipsIdenticalPopulation()
    {
        using var cli = new CliRun();
        string[] args = ["demo", "--sample-data", RepositoryPaths.SampleData, "--out", cli.PathOf("out")];
        Assert.Equal(0, (await cli.RunAsync(args)).Exit);

        var (exit, output, _) = await cli.RunAsync(args);

        Assert.Equal(0, exit);
        Assert.Contains("nothing to do", output, StringComparison.Ordinal);
        Assert.Contains("schema is up to date", output, StringComparison.Ordinal);
        Assert.Contains("identical to this batch: skipped", output, StringComparison.Ordinal);

        // Every warning of the first run is found again: all 持续, none new, none resolved.
        var total = System.Text.RegularExpressions.Regex.Match(output, @"(?m)^total\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*$");
        Assert.True(total.Success, output);
        Assert.NotEqual("0", total.Groups[1].Value);
        Assert.Equal((total.Groups[1].Value, "0", "0", "0"), (total.Groups[3].Value, total.Groups[2].Value, total.Groups[4].Value, total.Groups[5].Value));
    }

    [Fact]
    public async Task Demo_SampleData_WritesEveryReceiversWorkbookAndRaisesEveryCode()
    {
        using var cli = new CliRun();
        var outDir = cli.PathOf("out");

        var (exit, output, error) = await cli.RunAsync("demo", "--sample-data", RepositoryPaths.SampleData, "--out", outDir);

        Assert.True(exit == 0, error);
        string[] receivers = ["civil-affairs", "education", "hr-social-security", "health", "medical-insurance", "disabled-federation", "housing", "emergency", "agriculture"];
        Assert.Equal([.. receivers.Select(r => r + ".xlsx").Append("civil-affairs-overview.xlsx").Order(StringComparer.Ordinal)],
            Directory.GetFiles(Path.Combine(outDir, "warnings")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        string[] codes = ["EDU_AID_GAP", "EDU_NOT_COVERED", "EMP_AID_GAP", "MED_AID_GAP", "SINGLE_PERSON_COVERAGE", "DIS_SUBSIDY_GAP", "SPENDING_SURGE",
            "ID_INVALID", "ID_NAME_MISMATCH", "RIGID_SPENDING", "DEATH_REVIEW", "DISASTER_AID", "HOUSING_AID_GAP", "DUPLICATE_AID", "COMPLEX_CASE"];
        foreach (var code in codes)
        {
            Assert.Matches($@"(?m)^{code}\s+[1-9]\d*\s", output);
        }
    }
}
