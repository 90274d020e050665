using Matching.Core.Identity;
using Matching.Testing;

namespace Matching.Cli.Tests.Commands;

public class IdCommandTests
{
    [Fact]
    public async Task Id_MixedValues_OneTabSeparatedLineEach()
    {
        using var cli = new CliRun();
        var valid = TestIds.Make(TestIds.Jiyuan, new DateOnly(1980, 5, 17), 123);
        var fifteen = TestIds.Make(410881, new DateOnly(1965, 3, 2), 45);
        var old = fifteen.Value[..6] + fifteen.Value[8..17];
        var wrongCheck = valid.Value[..17] + (valid.Value[17] == '0' ? '1' : '0');
        var fullWidth = string.Concat(valid.Value.Select(c => c == 'X' ? 'ｘ' : (char)('０' + (c - '0'))));

        var (exit, output, error) = await cli.RunAsync("id", valid.Value, old, wrongCheck, fullWidth, "12345", "4.19001E+17");

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToArray();
        Assert.Equal(6, lines.Length);
        Assert.All(lines, l => Assert.Equal(4, l.Length));
        Assert.Equal([valid.Value, "valid", valid.Value, ""], lines[0]);
        Assert.Equal([old, "valid", fifteen.Value, ""], lines[1]);
        Assert.Equal("invalid", lines[2][1]);
        Assert.Equal(string.Empty, lines[2][2]);
        Assert.StartsWith("check character", lines[2][3], StringComparison.Ordinal);
        Assert.Equal(valid.Value, lines[3][2]);
        Assert.StartsWith("length", lines[4][3], StringComparison.Ordinal);
        Assert.StartsWith("excel damaged", lines[5][3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Id_ImpossibleBirthDate_ReasonNamesBirthDate()
    {
        using var cli = new CliRun();
        var text = "41900119801340001";
        text += IdNumber.CheckChar(text);

        var (_, output, _) = await cli.RunAsync("id", text);

        Assert.Contains("birth date", output, StringComparison.Ordinal);
    }
}
