using Matching.Storage;
using System.Text;
using Matching.Testing;

namespace Matching.Cli.Tests.Commands;

/// <summary>
/// Files that cannot be imported: one line on stderr naming the file (and row), exit 2, no stack trace, every data
/// table as it was, and the refused attempt in the audit table.
/// </summary>
public sealed partial class ImportCommandTests
{
    private static readonly string ExcelFixtures = Path.Combine(RepositoryPaths.Root, "tests", "Matching.Ingest.Tests", "Fixtures", "excel");

    [Theory]
    [InlineData("corrupt.xlsx", "not a readable Excel workbook")]
    [InlineData("corrupt.xls", "not a readable Excel workbook")]
    [InlineData("empty.csv", "the file is empty")]
    [InlineData("binary.csv", "binary")]
    [InlineData("no-id-column.csv", "no ID column")]
    [InlineData("wide-row.csv", "row 2: 100000 columns")]
    [InlineData("huge-cell.csv", "row 2: a row longer than the limit")]
    [InlineData("wide.xlsx", "row 2: a value in column 600")]
    public async Task Import_BadFile_OneLineErrorAuditedAndNoDataChanged(string name, string expected)
    {
        using var cli = new CliRun();
        await cli.RunAsync("init");
        var good = await ImportAsync(cli, "education", Students(cli, "good.csv", $"张三,{TestIds.Valid(20).Value},一中"));
        var before = await CliDatabase.CountRowsAsync(cli);
        var path = await BadFileAsync(cli, name);

        var (exit, output, error) = await ImportAsync(cli, "education", path);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)).TrimEnd('\r');
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(name, line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", error, StringComparison.Ordinal);
        Assert.Equal(before, await CliDatabase.CountRowsAsync(cli));
        Assert.Equal((BatchState.Current, BatchStatus.Pending), ((await CliDatabase.BatchAsync(cli, BatchId(good.Out))).State, (await CliDatabase.BatchAsync(cli, BatchId(good.Out))).Status));

        var attempt = Assert.Single(await CliDatabase.QueryAsync(cli, "SELECT * FROM import_attempt"));
        Assert.Equal(("department", "education", name), (attempt["kind"], attempt["department"], attempt["file_name"]));
        Assert.Equal(line["error: ".Length..], attempt["error"]);
        Assert.Equal(Environment.UserName, attempt["operator"]);
    }

    [Fact]
    public async Task Import_MoreRowsThanMaxRowsSetting_RefusedNamingSettingAndNoDataChanged()
    {
        using var cli = new CliRun();
        await cli.RunAsync("init");
        var rows = Enumerable.Range(1, 10).Select(i => $"学生{i},{TestIds.Valid(100 + i).Value},一中").ToArray();
        var path = Students(cli, "ten.csv", rows);
        var settings = await SettingsAsync(cli, new { maxRows = 5 }, "small.json");

        var (exit, _, error) = await ImportAsync(cli, "education", path, settings);

        Assert.Equal(2, exit);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains("ten.csv", line, StringComparison.Ordinal);
        Assert.Contains("row 8", line, StringComparison.Ordinal);
        Assert.Contains("ingest:maxRows", line, StringComparison.Ordinal);
        Assert.All(await CliDatabase.CountRowsAsync(cli), table => Assert.Equal(0, table.Value));
        Assert.Single(await CliDatabase.QueryAsync(cli, "SELECT * FROM import_attempt"));
    }

    [Fact]
    public async Task Import_InvalidSetting_RefusedNamingSetting()
    {
        using var cli = new CliRun();
        await cli.RunAsync("init");
        var path = Students(cli, "students.csv", $"张三,{TestIds.Valid(21).Value},一中");
        var settings = await SettingsAsync(cli, new { maxColumns = 0 }, "broken.json");

        var (exit, output, error) = await ImportAsync(cli, "education", path, settings);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains("broken.json", line, StringComparison.Ordinal);
        Assert.Contains("ingest:maxColumns", line, StringComparison.Ordinal);
        Assert.All(await CliDatabase.CountRowsAsync(cli), table => Assert.Equal(0, table.Value));
    }

    [Fact]
    public async Task Import_CellOverRecordLimit_ErrorNamesSetting()
    {
        using var cli = new CliRun();
        await cli.RunAsync("init");

        var (_, _, error) = await ImportAsync(cli, "education", await BadFileAsync(cli, "huge-cell.csv"));

        Assert.Contains("ingest:maxRecordBytes", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_RowOverColumnLimit_ErrorNamesSetting()
    {
        using var cli = new CliRun();
        await cli.RunAsync("init");

        var (_, _, error) = await ImportAsync(cli, "education", await BadFileAsync(cli, "wide-row.csv"));

        Assert.Contains("ingest:maxColumns", error, StringComparison.Ordinal);
    }

    /// <summary>Writes the bad file <paramref name="name"/> in the run's folder (or copies the committed Excel fixture).</summary>
    private static async Task<string> BadFileAsync(CliRun cli, string name)
    {
        var path = cli.PathOf(name);
        switch (name)
        {
            case "corrupt.xlsx" or "corrupt.xls" or "wide.xlsx":
                File.Copy(Path.Combine(ExcelFixtures, name), path);
                break;
            case "empty.csv":
                await File.WriteAllBytesAsync(path, []);
                break;
            case "binary.csv":
                await File.WriteAllBytesAsync(path, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 31 % 256))]);
                break;
            case "no-id-column.csv":
                await File.WriteAllTextAsync(path, "姓名,学校,年级\n张三,一中,高一\n");
                break;
            case "wide-row.csv":
                await File.WriteAllTextAsync(path, $"姓名,身份证号,学校,年级\n张三,{TestIds.Valid(22).Value}" + string.Concat(Enumerable.Repeat(",x", 99_998)) + "\n");
                break;
            case "huge-cell.csv":
                await WriteHugeCellAsync(path, 50 << 20);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, "no such bad file");
        }

        return path;
    }

    /// <summary>A header, then one row whose third cell is <paramref name="cellBytes"/> bytes of text.</summary>
    private static async Task WriteHugeCellAsync(string path, int cellBytes)
    {
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20, useAsync: true);
        await file.WriteAsync(Encoding.UTF8.GetBytes($"姓名,身份证号,学校,年级\n张三,{TestIds.Valid(23).Value},"));
        var chunk = new byte[1 << 20];
        Array.Fill(chunk, (byte)'a');
        for (var written = 0; written < cellBytes; written += chunk.Length)
        {
            await file.WriteAsync(chunk.AsMemory(0, Math.Min(chunk.Length, cellBytes - written)));
        }

        await file.WriteAsync("\n"u8.ToArray());
    }
}
