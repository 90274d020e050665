using System.Text;
using System.Text.Json;
using Matching.Testing;

namespace Matching.Cli.Tests.Hostile;

/// <summary>
/// Issue 19, hostile and broken input, through the real command line in-process: every case is refused with one
/// line naming the file (and row and column where there is one), exit 2, and nothing changed; no output is ever left
/// truncated under its final name, and nothing is written where it should not be.
/// </summary>
public sealed partial class HostileInputTests : IDisposable
{
    private readonly CliRun _cli = new();

    [Fact]
    public async Task Import_StrayQuote_RefusedWithRowAndColumnAndNothingImported()
    {
        // The minimal reproduction: it read 1 row and exited 0.
        await InitAsync();
        var before = await CliDatabase.CountRowsAsync(_cli);
        var path = Write("q.csv", $"姓名,身份证号,学校,年级\n汪学文,\"{TestIds.Valid(1).Value}\n汪新民,{TestIds.Valid(2).Value}\n");

        var (exit, output, error) = await _cli.RunAsync("import", "education", path, "--config", await SettingsAsync());

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        var line = OneLine(error);
        Assert.Contains("q.csv, row 2, column B: a quoted cell is never closed", line, StringComparison.Ordinal);
        Assert.DoesNotContain(TestIds.Valid(1).Value, line, StringComparison.Ordinal);
        Assert.Equal(before, await CliDatabase.CountRowsAsync(_cli));
    }

    [Fact]
    public async Task LowIncomeImport_StrayQuote_RefusedAndNoMemberLeavesTheActiveSet()
    {
        // The issue: a quote on row 8001 of the snapshot deactivated 772 members.
        await InitAsync();
        var snapshot = new LowIncomeCsv();
        for (var i = 0; i < 20; i++)
        {
            snapshot.Member($"H{i:000}", TestIds.Valid(100 + i).Value, $"成员{i}");
        }

        var good = snapshot.WriteTo(_cli.PathOf("lowincome.csv"));
        Assert.Equal(0, (await _cli.RunAsync("lowincome", "import", good, "--rejects", _cli.PathOf("r1.xlsx"))).Exit);
        var text = snapshot.ToCsv().Replace($",成员5,{TestIds.Valid(105).Value}", $",成员5,\"{TestIds.Valid(105).Value}", StringComparison.Ordinal);
        var broken = Write("lowincome-2.csv", text);

        var (exit, _, error) = await _cli.RunAsync("lowincome", "import", broken, "--rejects", _cli.PathOf("r2.xlsx"));

        Assert.Equal(2, exit);
        Assert.Contains("lowincome-2.csv, row 7, column E", OneLine(error), StringComparison.Ordinal);
        await using var store = await CliDatabase.OpenStoreAsync(_cli);
        Assert.Equal(20, (await store.Population.CountActiveAsync(CancellationToken.None)).Members);
    }

    [Fact]
    public async Task Import_TwoExtractsJoined_RefusedAtTheSecondHeader()
    {
        await InitAsync();
        var path = Write("joined.csv",
            $"济源示范区在校学生名单\n姓名,身份证号,学校,年级\n张三,{TestIds.Valid(3).Value},一中\n济源示范区在校学生名单\n姓名,身份证号,学校,年级\n李四,{TestIds.Valid(4).Value},二中\n");

        var (exit, _, error) = await _cli.RunAsync("import", "education", path, "--config", await SettingsAsync());

        Assert.Equal(2, exit);
        Assert.Contains("joined.csv, row 5, column 身份证号: the header row (row 2) appears again here (row 4 above it looks like a title)", OneLine(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_XlsxSharedStringsBomb_RefusedBeforeLoading()
    {
        await InitAsync();
        var workbook = new XlsxBuilder().Row(1, "姓名", "身份证号").Row(2, "张三", TestIds.Valid(5).Value).Build();
        var path = _cli.PathOf("bomb.xlsx");
        await File.WriteAllBytesAsync(path, XlsxBombs.WithSharedStrings(workbook, 3 << 20));

        var (exit, _, error) = await _cli.RunAsync("import", "education", path, "--config", await SettingsAsync(new { maxSharedStringsBytes = 1 << 20 }));

        Assert.Equal(2, exit);
        Assert.Contains("bomb.xlsx: the workbook's shared strings (xl/sharedStrings.xml) unpack to", OneLine(error), StringComparison.Ordinal);
        Assert.Contains("(ingest:maxSharedStringsBytes)", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("same")]
    [InlineData("dotdot")]
    [InlineData("link")]
    public async Task Match_OutIsTheInput_RefusedAndInputUntouched(string how)
    {
        // The issue: `match medical-bills x.csv --out x.csv` exited 0 and x.csv was gone.
        await InitAsync();
        var input = Write("x.csv", $"姓名,身份证号\n张三,{TestIds.Valid(6).Value}\n");
        var bytes = await File.ReadAllBytesAsync(input);
        Directory.CreateDirectory(_cli.PathOf("sub"));
        var output = how switch
        {
            "same" => input,
            "dotdot" => Path.Combine(_cli.Folder, "sub", "..", "x.csv"),
            _ => _cli.PathOf("link.csv"),
        };
        if (how == "link")
        {
            File.CreateSymbolicLink(output, input);
        }

        var (exit, _, error) = await _cli.RunAsync("match", "education", input, "--out", output);

        Assert.Equal(2, exit);
        Assert.Contains("--out names the input file", OneLine(error), StringComparison.Ordinal);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(input));
    }

    [Fact]
    public async Task Match_FileRefusedHalfway_EarlierResultKeptAndNoFileLeftBehind()
    {
        await InitAsync();
        var rows = string.Concat(Enumerable.Range(0, 200).Select(i => $"学生{i},{TestIds.Valid(200 + i).Value}\n"));
        var input = Write("half.csv", $"姓名,身份证号\n{rows}甲,\"{TestIds.Valid(7).Value}\n乙,{TestIds.Valid(8).Value}\n");
        Directory.CreateDirectory(_cli.PathOf("results"));
        var result = Write(Path.Combine("results", "result.csv"), "earlier result\n");

        var (exit, _, error) = await _cli.RunAsync("match", "education", input, "--out", result);

        Assert.Equal(2, exit);
        Assert.Contains("half.csv, row 202, column B", OneLine(error), StringComparison.Ordinal);
        Assert.Equal("earlier result\n", await File.ReadAllTextAsync(result));
        Assert.Equal([result], Directory.GetFiles(_cli.PathOf("results")));
    }

    [Fact]
    public async Task Match_OutUnderAFile_Exit2NamingThePath()
    {
        // The issue: an I/O error on --out exited 70 ("unexpected IOException").
        await InitAsync();
        var input = Write("x.csv", $"姓名,身份证号\n张三,{TestIds.Valid(9).Value}\n");
        Write("blocker", "a file, not a folder");
        var output = Path.Combine(_cli.PathOf("blocker"), "result.csv");

        var (exit, _, error) = await _cli.RunAsync("match", "education", input, "--out", output);

        Assert.Equal(2, exit);
        Assert.StartsWith($"error: {output}: cannot be written", OneLine(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_LinkPlantedInOutFolder_LinkReplacedAndVictimUntouched()
    {
        // The issue: out/education.xlsx → /tmp/victim replaced the victim with a workbook of full IDs.
        await InitAsync();
        var victim = Write("victim.txt", "not yours");
        Directory.CreateDirectory(_cli.PathOf("out"));
        var planted = Path.Combine(_cli.PathOf("out"), "education.xlsx");
        File.CreateSymbolicLink(planted, victim);

        var (exit, _, error) = await _cli.RunAsync("export", "--out", _cli.PathOf("out"));

        Assert.True(exit == 0, error);
        Assert.Equal("not yours", await File.ReadAllTextAsync(victim));
        Assert.Null(new FileInfo(planted).LinkTarget);
        Assert.True(new FileInfo(planted).Length > 0);
        Assert.DoesNotContain(Directory.GetFiles(_cli.PathOf("out")), f => Path.GetFileName(f).StartsWith('.'));
    }

    [Fact]
    public async Task Export_OutFolderIsALink_RefusedUnlessAllowed()
    {
        await InitAsync();
        Directory.CreateDirectory(_cli.PathOf("elsewhere"));
        Directory.CreateSymbolicLink(_cli.PathOf("out"), _cli.PathOf("elsewhere"));

        var refused = await _cli.RunAsync("export", "--out", _cli.PathOf("out"));
        var allowed = await _cli.RunAsync("export", "--out", _cli.PathOf("out"), "--config", await SettingsAsync(output: new { allowLinkedFolder = true }));

        Assert.Equal(2, refused.Exit);
        Assert.Contains("the output folder is a symbolic link", OneLine(refused.Error), StringComparison.Ordinal);
        Assert.Contains("output:allowLinkedFolder", refused.Error, StringComparison.Ordinal);
        Assert.True(allowed.Exit == 0, allowed.Error);
        Assert.True(File.Exists(Path.Combine(_cli.PathOf("elsewhere"), "education.xlsx")));
    }

    [Fact]
    public async Task Match_NewlineInFileName_EscapedOnStdout()
    {
        // The issue: a file named "d\nINF fake 419001….csv" forged a line of its own.
        await InitAsync();
        var input = Write("d\nINF fake.csv", $"姓名,身份证号\n张三,{TestIds.Valid(10).Value}\n");

        var (exit, output, error) = await _cli.RunAsync("match", "education", input, "--out", _cli.PathOf("r.csv"));

        Assert.True(exit == 0, error);
        Assert.Contains("d\\nINF fake.csv: 1 rows", output, StringComparison.Ordinal);
        Assert.DoesNotContain(output.Split('\n'), line => line.StartsWith("INF fake", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Import_NewlineAndEscapeInRefusedFileName_OneEscapedLineOnStderr()
    {
        await InitAsync();
        var path = Write("d\nINF fake\u001b[2J\u202e.csv", $"姓名,身份证号,学校,年级\n汪学文,\"{TestIds.Valid(11).Value}\n");

        var (exit, _, error) = await _cli.RunAsync("import", "education", path, "--config", await SettingsAsync());

        Assert.Equal(2, exit);
        var line = OneLine(error);
        Assert.Contains("d\\nINF fake\\u001B[2J\\u202E.csv, row 2", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_ReceiverCodeWithAPath_RulesRefused()
    {
        await InitAsync();
        var rules = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "rules.json"));
        var bad = Write("rules.json", rules.Replace("\"agriculture\":", "\"../../escaped\":", StringComparison.Ordinal));
        var settings = Write("settings.json", JsonSerializer.Serialize(new { rulesFile = bad }));

        var (exit, _, error) = await _cli.RunAsync("export", "--out", _cli.PathOf("out"), "--config", settings);

        Assert.Equal(2, exit);
        Assert.Contains("receivers: '../../escaped' is not a receiver code", OneLine(error), StringComparison.Ordinal);
        Assert.False(Directory.Exists(_cli.PathOf("out")));
    }

    [Fact]
    public async Task Import_HeaderMapSourceWithAPath_Refused()
    {
        await InitAsync();
        var maps = Directory.CreateDirectory(_cli.PathOf("maps")).FullName;
        foreach (var map in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "HeaderMaps"), "*.json"))
        {
            File.Copy(map, Path.Combine(maps, Path.GetFileName(map)));
        }

        var education = Path.Combine(maps, "education.json");
        await File.WriteAllTextAsync(education, (await File.ReadAllTextAsync(education)).Replace("\"source\": \"education\"", "\"source\": \"/tmp/escaped\"", StringComparison.Ordinal));
        var input = Write("x.csv", $"姓名,身份证号\n张三,{TestIds.Valid(12).Value}\n");

        var (exit, _, error) = await _cli.RunAsync("import", "education", input, "--header-maps", maps, "--config", await SettingsAsync());

        Assert.Equal(2, exit);
        Assert.Contains("education.json: 'source' must be a code", OneLine(error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("run")]
    [InlineData("export")]
    public async Task Command_MistypedDatabase_RefusedAndNothingCreated(string command)
    {
        var database = Path.Combine(_cli.Folder, "dta", "matchng.db");
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] args = command == "export" ? [command, "--out", _cli.PathOf("out"), "--db", database] : [command, "--db", database];

        var exit = await CliApp.RunAsync(args, output, error, TimeProvider.System);

        Assert.Equal(2, exit);
        Assert.Contains($"database {database} does not exist; run `matching init`", OneLine(error.ToString()), StringComparison.Ordinal);
        Assert.False(File.Exists(database));
        Assert.False(Directory.Exists(Path.GetDirectoryName(database)));
    }

    [Fact]
    public async Task Init_NewDatabase_StillCreated()
    {
        Assert.Equal(0, (await _cli.RunAsync("init")).Exit);

        Assert.True(File.Exists(_cli.Database));
    }

    [Theory]
    [InlineData("""{ "output": null }""", "'output'")]
    [InlineData("""{ "ingest": { "maxSharedStringsBytes": 0 } }""", "ingest:maxSharedStringsBytes")]
    [InlineData("""{ "ingest": { "maxXlsxPartBytes": -1 } }""", "ingest:maxXlsxPartBytes")]
    [InlineData("""{ "ingest": { "maxEmptyShare": 1.5 } }""", "ingest:maxEmptyShare")]
    public async Task Settings_BadNewLimit_RefusedNamingIt(string json, string expected)
    {
        var settings = Write("bad.json", json);

        var (exit, _, error) = await _cli.RunAsync("status", "--config", settings);

        Assert.Equal(2, exit);
        Assert.Contains(expected, OneLine(error), StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_ShippedMatchingJson_NewLimitsAtTheirDefaults()
    {
        var shipped = MatchingSettings.Load(MatchingSettings.DefaultPath);

        Assert.Equal(Ingest.Tables.IngestLimits.Default, shipped.Ingest);
        Assert.Equal(Export.OutputOptions.Default, shipped.Output);
    }

    [Fact]
    public async Task Settings_HugeRulesFile_RefusedUnread()
    {
        var rules = Write("rules.json", "{}" + new string(' ', (int)JsonSettingsFile.MaxBytes));
        var settings = Write("settings.json", JsonSerializer.Serialize(new { rulesFile = rules }));
        await InitAsync();

        var (exit, _, error) = await _cli.RunAsync("export", "--out", _cli.PathOf("out"), "--config", settings);

        Assert.Equal(2, exit);
        Assert.Contains("rules.json: a rules file of", OneLine(error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plain 名单.csv", "plain 名单.csv")]
    [InlineData("a\nb\r\tc", "a\\nb\\r\\tc")]
    [InlineData("x\u001b[31my", "x\\u001B[31my")]
    [InlineData("\u202egnp.exe", "\\u202Egnp.exe")]
    [InlineData("c1\u0085 del\u007f ls\u2028", "c1\\u0085 del\\u007F ls\\u2028")]
    public void DisplayText_ControlCharacters_Escaped(string name, string shown)
    {
        Assert.Equal(shown, DisplayText.Escape(name));
    }

    public void Dispose() => _cli.Dispose();

    private async Task InitAsync() => Assert.Equal(0, (await _cli.RunAsync("init")).Exit);

    private string Write(string name, string text)
    {
        var path = _cli.PathOf(name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    /// <summary>A settings file: reject reports under the run's folder, and the given ingest and output sections.</summary>
    private async Task<string> SettingsAsync(object? ingest = null, object? output = null)
    {
        var settings = new Dictionary<string, object> { ["rejectsFolder"] = _cli.PathOf("rejects") };
        if (ingest is not null)
        {
            settings["ingest"] = ingest;
        }

        if (output is not null)
        {
            settings["output"] = output;
        }

        var path = _cli.PathOf($"settings-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(settings));
        return path;
    }

    /// <summary>The single line of an error output (fails when there are more).</summary>
    private static string OneLine(string error) => Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)).TrimEnd('\r');
}
