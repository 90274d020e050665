using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Matching.Core.Identity;
using Matching.Testing;

namespace Matching.Cli.Tests.Commands;

/// <summary>Every committed sample department file imports as .csv (UTF-8 and GB18030), .xls and .xlsx alike.</summary>
public sealed partial class ImportCommandTests
{
    private static readonly Regex IdCheckLine = new(@"^accepted with an ID to check: (\d+)\r?$", RegexOptions.Multiline | RegexOptions.CultureInvariant);
    private static readonly Regex FullId = new(@"\d{17}[\dX]", RegexOptions.CultureInvariant);

    public static TheoryData<string> Departments => new() { "education", "unemployment", "illness", "disability", "medical-bills", "death", "disaster" };

    [Theory]
    [MemberData(nameof(Departments))]
    public async Task Import_SampleFileInEveryFormat_SameCountsAndSameProblemRows(string department)
    {
        using var temp = new TempFolder("matching-import-formats-");
        var lines = SampleLines(department);
        var variants = new[]
        {
            SampleCsv(department),
            temp.WriteText(department + "-utf8.csv", string.Join("\r\n", lines)),
            temp.WriteText(department + "-gb18030.csv", string.Join("\r\n", lines), Gb18030),
            Path.Combine(RepositoryPaths.SampleData, "excel", department + ".xls"),
            Path.Combine(RepositoryPaths.SampleData, "excel", department + ".xlsx"),
        };
        var dataRows = lines.SkipWhile(l => !l.Contains(',', StringComparison.Ordinal)).Skip(1).Count(l => l.Trim(',', ' ').Length > 0);

        var results = new List<(string File, (long Read, long Accepted, long Rejected) Counts, long IdChecks, string[][] Problems)>();
        foreach (var variant in variants)
        {
            using var cli = new CliRun();
            await cli.RunAsync("init");
            var (exit, output, error) = await ImportAsync(cli, department, variant);
            Assert.True(exit == 0, $"{Path.GetFileName(variant)}: {error}");
            var report = RejectReport.Read(ReportPath(output));
            Assert.Equal(RejectReport.Headers, report[0]);
            results.Add((Path.GetFileName(variant), Counts(output), IdChecks(output), [.. report.Skip(1).Select(r => r[1..])]));
        }

        var expected = results[0];
        Assert.Equal(dataRows, expected.Counts.Read);
        Assert.Equal(expected.Counts.Read, expected.Counts.Accepted + expected.Counts.Rejected);
        Assert.Equal(expected.Counts.Rejected + expected.IdChecks, expected.Problems.Length);
        Assert.All(results, r =>
        {
            Assert.Equal((expected.Counts, expected.IdChecks), (r.Counts, r.IdChecks));
            Assert.Equal(expected.Problems, r.Problems);
        });
    }

    [Theory]
    [MemberData(nameof(Departments))]
    public async Task Import_SampleFile_ReportRowsPointAtSourceRowsAndHoldNoFullId(string department)
    {
        using var cli = new CliRun();
        await cli.RunAsync("init");
        var lines = SampleLines(department);

        var (exit, output, error) = await ImportAsync(cli, department, SampleCsv(department));

        Assert.True(exit == 0, error);
        var report = RejectReport.Read(ReportPath(output));
        Assert.NotEmpty(report.Skip(1));
        Assert.All(report.SelectMany(r => r), cell => Assert.False(FullId.IsMatch(cell), $"a full ID in the reject report: {IdNumber.Mask(cell)}"));
        var header = lines[0..5].First(l => l.Contains(',', StringComparison.Ordinal)).Split(',');
        foreach (var row in report.Skip(1))
        {
            Assert.Equal(department + ".csv", row[0]);
            var line = int.Parse(row[1], CultureInfo.InvariantCulture);
            var cells = lines[line - 1].Split(',');
            var column = Array.IndexOf(header, row[2]);
            Assert.True(column >= 0, $"row {line}: column '{row[2]}' is not in the header");
            if (row[5] is "IdInvalid" or "IdMissing")
            {
                Assert.Equal(IdNumber.Mask(cells[column].Trim()), row[3]);
            }
        }
    }

    [Fact]
    public async Task Import_SampleMedicalBills_EveryRowStoredWithNameAndAmountsAsInvariantDecimals()
    {
        using var cli = new CliRun();
        await cli.RunAsync("init");
        var lines = SampleLines("medical-bills");
        var header = lines[0].Split(',');
        var (name, selfPaid, total) = (Array.IndexOf(header, "姓名"), Array.IndexOf(header, "个人自付"), Array.IndexOf(header, "医疗总费用"));

        var (exit, output, error) = await ImportAsync(cli, "medical-bills", SampleCsv("medical-bills"));

        Assert.True(exit == 0, error);
        var records = await CliDatabase.RecordsAsync(cli, BatchId(output));
        Assert.Equal(Counts(output).Accepted, records.Count);
        foreach (var record in records)
        {
            var cells = lines[(int)record.SourceRow - 1].Split(',');
            Assert.Equal(cells[name].Trim(), record.Name);
            Assert.Equal(decimal.Parse(Invariant(cells[selfPaid]), CultureInfo.InvariantCulture), decimal.Parse(record.Fields["selfPaid"], CultureInfo.InvariantCulture));
            Assert.Equal(decimal.Parse(Invariant(cells[total]), CultureInfo.InvariantCulture), decimal.Parse(record.Fields["total"], CultureInfo.InvariantCulture));
        }
    }

    private static Encoding Gb18030
    {
        get
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding("GB18030");
        }
    }

    private static string SampleCsv(string department) => Path.Combine(RepositoryPaths.SampleData, department + ".csv");

    /// <summary>The committed sample CSV as text lines (unemployment.csv is GB18030, the others UTF-8 with BOM).</summary>
    private static string[] SampleLines(string department)
    {
        var text = File.ReadAllText(SampleCsv(department), department == "unemployment" ? Gb18030 : Encoding.UTF8);
        return text.TrimEnd('\r', '\n').Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
    }

    private static long IdChecks(string output)
    {
        var match = IdCheckLine.Match(output);
        return match.Success ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    private static string Invariant(string amount) =>
        decimal.Parse(amount, NumberStyles.Number, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
}
