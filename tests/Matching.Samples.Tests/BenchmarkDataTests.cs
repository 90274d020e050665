using Matching.Core.Identity;
using Matching.Testing;

namespace Matching.Samples.Tests;

public sealed class BenchmarkDataTests : IDisposable
{
    private static readonly BenchmarkOptions Small = new(Seed: 5, Persons: 10_000, Rows: 10_000);

    private readonly string _folder = Directory.CreateTempSubdirectory("matching-benchmark-").FullName;

    [Fact]
    public void Write_SameSeed_SameBytes_OtherSeed_OtherBytes()
    {
        BenchmarkData.Write(Path.Combine(_folder, "a"), Small);
        BenchmarkData.Write(Path.Combine(_folder, "b"), Small);
        BenchmarkData.Write(Path.Combine(_folder, "c"), Small with { Seed = 6 });

        foreach (var file in new[] { BenchmarkData.LowIncomeFileName, BenchmarkData.ExtractFileName })
        {
            var a = File.ReadAllBytes(Path.Combine(_folder, "a", file));
            Assert.True(a.AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(_folder, "b", file))), $"{file} differs for the same seed");
            Assert.False(a.AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(_folder, "c", file))), $"{file} is the same for another seed");
        }
    }

    [Fact]
    public void Write_Small_LowIncomeHasValidDistinctIdsOverManyHenanCounties()
    {
        var summary = BenchmarkData.Write(_folder, Small);

        var lines = File.ReadAllLines(Path.Combine(_folder, BenchmarkData.LowIncomeFileName));
        Assert.Equal(File.ReadLines(Path.Combine(RepositoryPaths.SampleData, "lowincome.csv")).First(), lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(Small.Persons, rows.Count);
        Assert.Equal(summary.Persons, rows.Count);
        Assert.All(rows, r => Assert.Equal(19, r.Length));
        Assert.All(rows, r => Assert.True(IdParser.Parse(r[5]).IsExact, "invalid ID"));
        Assert.Equal(rows.Count, rows.Select(r => r[5]).Distinct(StringComparer.Ordinal).Count());
        Assert.All(rows, r => Assert.StartsWith("41", r[5], StringComparison.Ordinal));
        Assert.True(rows.Select(r => r[5][..6]).Distinct(StringComparer.Ordinal).Count() >= 100, "too few counties");
        Assert.All(rows, r => AssertChineseName(r[4]));

        var households = rows.Select(r => r[0]).Distinct(StringComparer.Ordinal).Count();
        Assert.Equal(summary.Households, households);
        Assert.InRange(rows.Count / (double)households, 2.8, 3.2);
        Assert.All(rows.GroupBy(r => r[0]), h => Assert.Equal("户主", h.First()[6]));
    }

    [Fact]
    public void Write_Small_ExtractHasTheRequestedShares()
    {
        var summary = BenchmarkData.Write(_folder, Small);

        var population = File.ReadLines(Path.Combine(_folder, BenchmarkData.LowIncomeFileName)).Skip(1)
            .Select(l => l.Split(',')).ToDictionary(r => r[5], r => r[4], StringComparer.Ordinal);
        var bytes = File.ReadAllBytes(Path.Combine(_folder, BenchmarkData.ExtractFileName));
        Assert.True(bytes.AsSpan().StartsWith("\uFEFF姓名,身份证号,学校,年级,是否家庭经济困难\r\n"u8), "extract.csv header or BOM");
        var rows = File.ReadAllLines(Path.Combine(_folder, BenchmarkData.ExtractFileName)).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(Small.Rows, rows.Count);
        Assert.All(rows, r => Assert.Equal(5, r.Length));
        Assert.InRange(rows.Count(r => r[4] == "是") / (double)rows.Count, 0.08, 0.12);
        Assert.All(rows, r => AssertChineseName(r[0]));

        Assert.Equal(3000, summary.PresentRows);
        Assert.Equal(200, summary.DamagedRows);
        Assert.Equal(Small.Rows, summary.RowsByDamage.Sum(p => p.Value));
        Assert.True(summary.RowsByDamage.Count >= 12, "too few damage kinds");

        var exact = rows.Where(r => IdParser.Parse(r[1]).IsExact).ToList();
        var members = exact.Where(r => population.TryGetValue(r[1], out var name) && name == r[0]).ToList();
        var mismatches = exact.Count(r => population.TryGetValue(r[1], out var name) && name != r[0]);
        Assert.Equal(summary.RowsWith("name_mismatch"), mismatches);
        Assert.Equal(Small.Rows - summary.DamagedRows + mismatches, exact.Count);
        Assert.InRange(members.Count / (double)rows.Count, 0.30 * 0.97, 0.30 * 0.99);
        Assert.InRange((rows.Count - exact.Count) / (double)rows.Count, 0.015, 0.02);
        Assert.Equal(members.Count, members.Select(r => r[1]).Distinct(StringComparer.Ordinal).Count());

        // Strangers' clean IDs are valid, distinct, and never a member's.
        var strangers = exact.Where(r => !population.ContainsKey(r[1])).Select(r => r[1]).ToList();
        Assert.Equal(strangers.Count, strangers.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Small.Rows - summary.DamagedRows - members.Count, strangers.Count);
    }

    [Fact]
    public void Write_Defaults_AreTheIssuesFigures()
    {
        var options = new BenchmarkOptions();
        Assert.Equal(1_000_000, options.Persons);
        Assert.Equal(1_000_000, options.Rows);
        Assert.Equal(300_000, options.PresentRows);
        Assert.Equal(20_000, options.DamagedRows);
    }

    [Theory]
    [InlineData(50, 100, 0.3, 0.02)]
    [InlineData(1000, 10_000, 0.3, 0.02)]
    [InlineData(1000, 1000, 1.5, 0.02)]
    [InlineData(1000, 1000, 0.3, -0.1)]
    public void Write_OptionsOutOfRange_Throws(int persons, int rows, double present, double damaged) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => BenchmarkData.Write(_folder, new BenchmarkOptions(1, persons, rows, present, damaged)));

    private static void AssertChineseName(string name)
    {
        Assert.InRange(name.Length, 2, 3);
        Assert.All(name, c => Assert.InRange(c, '\u4E00', '\u9FFF'));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
