using Matching.Core.Identity;
using Matching.Testing;

namespace Matching.Cli.Tests.Commands;

/// <summary>The reject report: one row per problem row, numbered as the clerk's file shows it, IDs masked.</summary>
public sealed partial class ImportCommandTests
{
    [Fact]
    public async Task Import_RowsWithProblems_ReportRowPerProblemWithSourceRowColumnMaskedValueAndReason()
    {
        using var cli = new CliRun();
        await cli.RunAsync("init");
        var damaged = Damaged(30);
        var path = cli.PathOf("students.csv");
        await File.WriteAllTextAsync(path, string.Join("\r\n",
            "济源示范区在校学生名单",                                   // 1
            "姓名,身份证号,学校,是否家庭经济困难",                      // 2
            $"张三,{TestIds.Valid(31).Value},一中,是",                  // 3 accepted
            $"李四,{damaged},二中,否",                                  // 4 accepted, ID to check
            $"王五,{TestIds.Valid(32).Value},济源,三中,是",             // 5 too many cells
            $"赵六,{TestIds.Valid(33).Value},四中,也许",                // 6 flag does not read
            string.Empty,                                              // 7 blank
            ",,五中,是",                                               // 8 neither ID nor name
            "钱七,,六中,否",                                            // 9 accepted, ID missing
            $"孙八,{TestIds.Valid(34).Value},七中,Y",                   // 10 accepted
            "合计,8人,,") + "\r\n");

        var (exit, output, error) = await ImportAsync(cli, "education", path);

        Assert.True(exit == 0, error);
        Assert.Equal((7L, 4L, 3L), Counts(output));
        Assert.Contains("accepted with an ID to check: 2", output, StringComparison.Ordinal);
        var report = RejectReport.Read(ReportPath(output));
        Assert.Equal(RejectReport.Headers, report[0]);
        Assert.All(report.Skip(1), r => Assert.Equal("students.csv", r[0]));
        Assert.Equal(["4", "5", "6", "8", "9"], report.Skip(1).Select(r => r[1]));
        Assert.Equal(["身份证号", string.Empty, "是否家庭经济困难", "身份证号", "身份证号"], report.Skip(1).Select(r => r[2]));
        Assert.Equal([IdNumber.Mask(damaged), string.Empty, "也*", string.Empty, string.Empty], report.Skip(1).Select(r => r[3]));
        Assert.Equal(["已导入，请核实身份证号", "未导入", "未导入", "未导入", "已导入，请核实身份证号"], report.Skip(1).Select(r => r[4]));
        Assert.Equal(["IdInvalid", "TooManyCells", "ValueUnknown", "NoIdOrName", "IdMissing"], report.Skip(1).Select(r => r[5]));
        Assert.All(report.Skip(1), r => Assert.NotEqual(string.Empty, r[6]));
        Assert.All(report.SelectMany(r => r), cell => Assert.False(FullId.IsMatch(cell), $"a full ID in the reject report: {IdNumber.Mask(cell)}"));
    }

    [Fact]
    public async Task Import_NoProblemRows_NoReportWritten()
    {
        using var cli = new CliRun();
        await cli.RunAsync("init");
        var path = Students(cli, "clean.csv", $"张三,{TestIds.Valid(35).Value},一中", $"李四,{TestIds.Valid(36).Value},二中");

        var (exit, output, error) = await ImportAsync(cli, "education", path);

        Assert.True(exit == 0, error);
        Assert.Equal((2L, 2L, 0L), Counts(output));
        Assert.DoesNotMatch(ReportLine, output);
        Assert.False(Directory.Exists(cli.PathOf("rejects")) && Directory.EnumerateFiles(cli.PathOf("rejects"), "*", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public async Task Import_ExcelWithNumericIds_DamagedIdReportedMaskedAtItsExcelRow()
    {
        using var cli = new CliRun();
        await cli.RunAsync("init");
        var path = cli.PathOf("numeric-ids.xlsx");
        File.Copy(Path.Combine(ExcelFixtures, "numeric-ids.xlsx"), path);

        var (exit, output, error) = await ImportAsync(cli, "education", path);

        Assert.True(exit == 0, error);
        Assert.Equal((3L, 3L, 0L), Counts(output));
        var row = Assert.Single(RejectReport.Read(ReportPath(output)).Skip(1));
        Assert.Equal(["numeric-ids.xlsx", "3", "身份证号"], row[..3]);
        Assert.Equal("IdInvalid", row[5]);
        Assert.Contains("excel", row[6], StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("419001198001010", row[3], StringComparison.Ordinal);
        var records = await CliDatabase.RecordsAsync(cli, BatchId(output));
        Assert.Equal([3L, 4L, 6L], records.Select(r => r.SourceRow));
        Assert.Equal(["ExcelDamaged", "Valid15", "Valid18"], records.Select(r => r.IdKind.Value));
        Assert.Equal([null, IdParser.Parse("419001198001010022").Id.Key, IdParser.Parse("41900119800101009X").Id.Key], records.Select(r => r.IdKey));
    }
}
