using System.Globalization;
using System.Text;
using Matching.Core.Identity;
using Matching.Testing;

namespace Matching.Cli.Tests.Commands;

public class MatchCommandTests
{
    private static readonly IdNumber Zhang = TestIds.Make(TestIds.Jiyuan, new DateOnly(1980, 1, 1), 11);
    private static readonly IdNumber Li = TestIds.Make(TestIds.Jiyuan, new DateOnly(1982, 2, 2), 22);
    private static readonly IdNumber TwinA = TestIds.Make(TestIds.Jiyuan, new DateOnly(2010, 3, 3), 31);
    private static readonly IdNumber TwinB = TestIds.Make(TestIds.Jiyuan, new DateOnly(2010, 3, 3), 32);
    private static readonly IdNumber Old = TestIds.Make(410881, new DateOnly(1960, 7, 8), 41);

    [Fact]
    public async Task Match_DamagedExtract_EveryRowAccountedForAndNoWrongMatch()
    {
        using var cli = new CliRun();
        await ImportPopulationAsync(cli);
        var swapped = Swap(Li.Value, 8);
        var rows = new[]
        {
            ("张三", Zhang.Value),                          // 3 exact
            ("张 三", " " + Zhang.Value.ToLowerInvariant() + " "), // 4 normalized
            ("李四", swapped),                             // 5 corrected (swap)
            ("王五", Zhang.Value),                          // 6 name mismatch
            ("老六", Old.Value[..6] + Old.Value[8..17]),      // 7 upgraded15
            ("陌生", TestIds.Make(TestIds.Jiyuan, new DateOnly(1990, 9, 9), 99).Value), // 8 not in database
            ("空", string.Empty),                            // 9 rejected
            ("张三", "4.19001E+17"),                        // 10 rejected: Excel-damaged
        };
        var path = cli.PathOf("education.csv");
        var text = new StringBuilder("2026年学生名单\n姓名,身份证号,学校\n");
        foreach (var (name, id) in rows)
        {
            text.Append(name).Append(',').Append(id).Append(",一中\n");
        }

        text.Append("合计,8,\n");
        await File.WriteAllTextAsync(path, text.ToString(), new UTF8Encoding(true));

        var (exit, output, error) = await cli.RunAsync("match", "education", path, "--out", cli.PathOf("result.csv"));

        Assert.True(exit == 0, error);
        Assert.Contains("8 rows", output, StringComparison.Ordinal);
        var result = ResultCsv.Read(cli.PathOf("result.csv"));
        Assert.Equal(["3", "4", "5", "6", "7", "8", "9", "10"], result.Select(r => r["source_row"]));
        Assert.Equal(["matched", "matched", "matched", "unmatched", "matched", "unmatched", "rejected", "rejected"], result.Select(r => r["status"]));
        Assert.Equal(["exact", "normalized", "corrected", "", "upgraded15", "", "", ""], result.Select(r => r["method"]));
        Assert.Equal([Zhang.Value, Zhang.Value, Li.Value, "", Old.Value, "", "", ""], result.Select(r => r["matched_id"]));
        Assert.StartsWith("name_mismatch", result[3]["reason"], StringComparison.Ordinal);
        Assert.DoesNotContain(Zhang.Value, result[3]["reason"], StringComparison.Ordinal);
        Assert.Equal(swapped, result[2]["raw_id"]);
        Assert.Equal("1", result[0]["confidence"]);
    }

    [Fact]
    public async Task Match_TwinTypoWithTwoCandidates_OnlyTheTwinNamedIsMatched()
    {
        using var cli = new CliRun();
        await ImportPopulationAsync(cli);

        // A typo in the sequence digits of twin A that is one slip from twin B as well.
        var typo = FindTypoNearBoth(TwinA, TwinB);
        var path = cli.PathOf("illness.csv");
        await File.WriteAllTextAsync(path, $"患者姓名,身份证件号\n赵大,{typo}\n赵二,{typo}\n赵三,{typo}\n");

        var (exit, _, error) = await cli.RunAsync("match", "illness", path, "--out", cli.PathOf("result.csv"));

        Assert.True(exit == 0, error);
        var rows = ResultCsv.Read(cli.PathOf("result.csv"));
        Assert.Equal([TwinA.Value, TwinB.Value, ""], rows.Select(r => r["matched_id"]));
        Assert.Equal(["corrected", "corrected", ""], rows.Select(r => r["method"]));
        Assert.Equal("unmatched", rows[2]["status"]);
        Assert.Contains("2 of", rows[2]["reason"], StringComparison.Ordinal);
        Assert.All(rows, r => Assert.DoesNotContain(TwinA.Value, r["reason"], StringComparison.Ordinal));
    }

    [Fact]
    public async Task LowIncomeImport_SameFileTwice_SecondIsANoOp()
    {
        using var cli = new CliRun();
        var path = await ImportPopulationAsync(cli);

        var (exit, output, _) = await cli.RunAsync("lowincome", "import", path);

        Assert.Equal(0, exit);
        Assert.Contains("identical to batch 1", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Match_RowsAcrossSeveralBatches_EachRowKeepsItsOwnCellsInOrder()
    {
        using var cli = new CliRun();
        await ImportPopulationAsync(cli);
        var path = cli.PathOf("education.csv");
        var text = new StringBuilder("姓名,身份证号\n");
        for (var i = 0; i < 150; i++)
        {
            // Matched, unmatched and rejected rows interleaved; a shifted row and a formula-like name past the first batch.
            text.Append(i switch
            {
                70 => $"张三,{Zhang.Value},多出的格\n",
                100 => $"=1+2,{Li.Value}\n",
                _ when i % 3 == 0 => $"张三,{Zhang.Value}\n",
                _ when i % 3 == 1 => $"李四{i},41\n",
                _ => $"李四,{Li.Value.ToLowerInvariant()}\n",
            });
        }

        await File.WriteAllTextAsync(path, text.ToString(), new UTF8Encoding(true));

        var (exit, _, error) = await cli.RunAsync("match", "education", path, "--out", cli.PathOf("result.csv"));

        Assert.True(exit == 0, error);
        var result = ResultCsv.Read(cli.PathOf("result.csv"));
        Assert.Equal(Enumerable.Range(2, 150).Select(r => r.ToString(CultureInfo.InvariantCulture)), result.Select(r => r["source_row"]));
        for (var i = 0; i < 150; i++)
        {
            var (status, name) = i switch
            {
                70 => ("rejected", "张三"),
                100 => ("unmatched", "'=1+2"),
                _ when i % 3 == 0 => ("matched", "张三"),
                _ when i % 3 == 1 => ("rejected", $"李四{i}"),
                _ => ("matched", "李四"),
            };
            Assert.Equal(status, result[i]["status"]);
            Assert.Equal(name, result[i]["raw_name"]);
        }

        Assert.Contains("3 cells, the header 2", result[70]["reason"], StringComparison.Ordinal);
        Assert.Equal(Li.Value.ToLowerInvariant(), result[2]["raw_id"]);
        Assert.Equal(Li.Value, result[2]["matched_id"]);
    }

    internal static async Task<string> ImportPopulationAsync(CliRun cli)
    {
        var path = cli.PathOf("lowincome.csv");
        var text = new StringBuilder("户编号,镇（街道）,村（社区）,成员姓名,身份证号码,与户主关系,救助类别,家庭年收入\n");
        text.Append(CultureInfo.InvariantCulture, $"H1,沁园街道,甲社区,张三,{Zhang.Value},户主,低保,9000\n");
        text.Append(CultureInfo.InvariantCulture, $"H1,沁园街道,甲社区,李四,{Li.Value},配偶,低保,9000\n");
        text.Append(CultureInfo.InvariantCulture, $"H2,克井镇,乙村,赵大,{TwinA.Value},子女,低保边缘,12000\n");
        text.Append(CultureInfo.InvariantCulture, $"H2,克井镇,乙村,赵二,{TwinB.Value},子女,低保边缘,12000\n");
        text.Append(CultureInfo.InvariantCulture, $"H3,王屋镇,丙村,老六,{Old.Value},户主,特困,\n");
        await File.WriteAllTextAsync(path, text.ToString(), new UTF8Encoding(true));
        Assert.Equal(0, (await cli.RunAsync("init")).Exit);
        var (exit, output, error) = await cli.RunAsync("lowincome", "import", path);
        Assert.True(exit == 0, error);
        Assert.Contains("loaded: 5, rejected: 0", output, StringComparison.Ordinal);
        return path;
    }

    private static string Swap(string id, int at) =>
        string.Concat(id.AsSpan(0, at), id.AsSpan(at + 1, 1), id.AsSpan(at, 1), id.AsSpan(at + 2));

    private static string FindTypoNearBoth(IdNumber a, IdNumber b)
    {
        Span<long> candidates = stackalloc long[IdCorrections.MaxCandidates];
        for (var position = 14; position < 18; position++)
        {
            foreach (var digit in "0123456789X")
            {
                var chars = a.Value.ToCharArray();
                chars[position] = digit;
                var text = new string(chars);
                if (IdParser.Parse(text).IsValid)
                {
                    continue;
                }

                var n = IdCorrections.Candidates(text, candidates);
                if (candidates[..n].Contains(a.Key) && candidates[..n].Contains(b.Key))
                {
                    return text;
                }
            }
        }

        throw new InvalidOperationException("no typo one slip from both twins");
    }
}
