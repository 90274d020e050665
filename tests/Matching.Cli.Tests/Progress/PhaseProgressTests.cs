using Matching.Cli.Progress;
using Microsoft.Extensions.Time.Testing;

namespace Matching.Cli.Tests.Progress;

public sealed class PhaseProgressTests
{
    [Fact]
    public void Phase_NotATerminal_PlainLineEveryTenSecondsAndNothingAfterItEnds()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 14, 0, 0, TimeSpan.Zero));
        using var error = new StringWriter();

        var phase = new PhaseProgress(error, clock, "import education x.csv: storing 1,000,000 rows");
        clock.Advance(TimeSpan.FromSeconds(9));
        var quiet = error.ToString();
        clock.Advance(TimeSpan.FromSeconds(1));
        clock.Advance(TimeSpan.FromSeconds(10));
        phase.Dispose();
        clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Empty(quiet);
        Assert.Equal(["import education x.csv: storing 1,000,000 rows: 10 s", "import education x.csv: storing 1,000,000 rows: 20 s"],
            error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Phase_Chinese_LabelAndSecondsInChinese()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 14, 0, 0, TimeSpan.Zero));
        using var error = new StringWriter();
        var before = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("zh-Hans");
        try
        {
            using (new PhaseProgress(error, clock, Localization.Text.Format("ProgressImportStoring", "education", "x.csv", "1,000,000")))
            {
                clock.Advance(TimeSpan.FromSeconds(10));
            }
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = before;
        }

        Assert.Equal("导入 education x.csv：存储 1,000,000 行：10 秒", error.ToString().Trim());
    }
}
