using Matching.Core.Identity;
using Matching.Testing;

namespace Matching.Samples.Tests;

public sealed class SampleGeneratorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("matching-sample-").FullName;

    [Fact]
    public void Write_DefaultOptions_ReproducesCommittedSampleDataByteForByte()
    {
        var summary = SampleGenerator.Write(_folder, new SampleOptions());

        foreach (var file in summary.Files)
        {
            var committed = Path.Combine(RepositoryPaths.SampleData, file.RelativePath);
            Assert.True(File.Exists(committed), $"{file.RelativePath} is generated but not committed: run scripts/sample.sh");
            Assert.True(File.ReadAllBytes(committed).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(_folder, file.RelativePath))),
                $"{file.RelativePath} differs from the generator's output: run scripts/sample.sh and commit");
        }
    }

    [Fact]
    public void Write_OtherSeed_TruthIdsAreValidAndEveryDamageKindPresent()
    {
        var summary = SampleGenerator.Write(_folder, new SampleOptions(Seed: 7, Households: 400));

        var kinds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in summary.Files.Where(f => f.RelativePath.StartsWith("truth/", StringComparison.Ordinal) && !f.RelativePath.Contains("lowincome", StringComparison.Ordinal)))
        {
            var lines = File.ReadAllLines(Path.Combine(_folder, file.RelativePath)).Skip(1).ToArray();
            Assert.Equal(file.Rows, lines.Length);
            foreach (var line in lines)
            {
                var cells = line.Split(',');
                Assert.True(IdParser.Parse(cells[1]).IsExact, $"{file.RelativePath}: person_id not canonical");
                kinds.Add(cells[3]);
            }
        }

        string[] expected = ["none", "spaces", "fullwidth", "lowercase_x", "apostrophe", "trailing_dot0", "id15", "substitution",
            "swap", "scientific", "truncated_zeros", "empty", "certificate", "name_mismatch", "certificate15", "certificate_scientific",
            "annotation"];
        Assert.Subset(kinds, expected.ToHashSet());
    }

    [Fact]
    public void CommittedSample_DisabilityHasEveryFormOfNamesAndCertificates()
    {
        var truth = File.ReadAllLines(Path.Combine(RepositoryPaths.SampleData, "truth", "disability.truth.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        var rows = File.ReadAllLines(Path.Combine(RepositoryPaths.SampleData, "disability.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        var listed = File.ReadAllLines(Path.Combine(RepositoryPaths.SampleData, "lowincome.csv")).Skip(1).Select(l => l.Split(','))
            .GroupBy(cells => cells[5], StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First()[4], StringComparer.Ordinal);

        Assert.Subset(truth.Select(t => t[3]).ToHashSet(StringComparer.Ordinal),
            new HashSet<string>(["certificate", "certificate15", "certificate_scientific", "annotation", "separator_dropped", "separator_replaced",
                "separator_db_dropped"], StringComparer.Ordinal));
        for (var i = 0; i < truth.Count; i++)
        {
            if (truth[i][3] == "separator_db_dropped")
            {
                // The database lists the name without its dot; the register writes it with.
                Assert.DoesNotContain("·", listed[truth[i][1]], StringComparison.Ordinal);
                Assert.Contains("·", rows[i][0], StringComparison.Ordinal);
            }
            else if (truth[i][3] == "separator_dropped")
            {
                Assert.Contains("·", listed[truth[i][1]], StringComparison.Ordinal);
                Assert.DoesNotContain("·", rows[i][0], StringComparison.Ordinal);
            }
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
