using Matching.Core.Rules;

namespace Matching.Core.Tests.Rules;

public class WarningLifecycleTests
{
    private const string Facts = "低保人员，见于教育体育 在校学生，未享受教育救助";
    private const string OtherFacts = "低保、特困人员，见于教育体育 在校学生，未享受教育救助";

    [Fact]
    public void Next_NotStoredAndFound_New()
    {
        Assert.Equal(WarningStatus.New, WarningLifecycle.Next(null, null, found: true, Facts));
    }

    [Fact]
    public void Next_NotStoredAndNotFound_NoChange()
    {
        Assert.Null(WarningLifecycle.Next(null, null, found: false, null));
    }

    [Theory]
    [InlineData(WarningStatus.New)]
    [InlineData(WarningStatus.Continuing)]
    public void Next_OpenAndFoundAgain_Continuing(WarningStatus stored)
    {
        Assert.Equal(WarningStatus.Continuing, WarningLifecycle.Next(stored, Facts, found: true, Facts));
    }

    [Theory]
    [InlineData(WarningStatus.New)]
    [InlineData(WarningStatus.Continuing)]
    public void Next_OpenAndFoundWithOtherFacts_StillContinuing(WarningStatus stored)
    {
        Assert.Equal(WarningStatus.Continuing, WarningLifecycle.Next(stored, Facts, found: true, OtherFacts));
    }

    [Theory]
    [InlineData(WarningStatus.New)]
    [InlineData(WarningStatus.Continuing)]
    public void Next_OpenAndNotFound_Resolved(WarningStatus stored)
    {
        Assert.Equal(WarningStatus.Resolved, WarningLifecycle.Next(stored, Facts, found: false, null));
    }

    [Fact]
    public void Next_ResolvedAndFoundAgain_NewAgain()
    {
        Assert.Equal(WarningStatus.New, WarningLifecycle.Next(WarningStatus.Resolved, Facts, found: true, Facts));
    }

    [Fact]
    public void Next_ResolvedAndNotFound_NoChange()
    {
        Assert.Null(WarningLifecycle.Next(WarningStatus.Resolved, Facts, found: false, null));
    }

    [Fact]
    public void Next_ClosedAndFoundWithSameFacts_StaysClosed()
    {
        Assert.Equal(WarningStatus.Closed, WarningLifecycle.Next(WarningStatus.Closed, Facts, found: true, Facts));
    }

    [Fact]
    public void Next_ClosedAndFoundWithOtherFacts_New()
    {
        Assert.Equal(WarningStatus.New, WarningLifecycle.Next(WarningStatus.Closed, Facts, found: true, OtherFacts));
    }

    [Fact]
    public void Next_ClosedAndNotFound_Resolved()
    {
        Assert.Equal(WarningStatus.Resolved, WarningLifecycle.Next(WarningStatus.Closed, Facts, found: false, null));
    }

    [Theory]
    [InlineData(WarningStatus.New, true)]
    [InlineData(WarningStatus.Continuing, true)]
    [InlineData(WarningStatus.Resolved, false)]
    [InlineData(WarningStatus.Closed, false)]
    public void IsOpen_Status_OnlyNewAndContinuing(WarningStatus status, bool open)
    {
        Assert.Equal(open, status.IsOpen());
    }

    [Fact]
    public void Text_EveryStatus_ReadsBackAsItself()
    {
        Assert.Equal(["新增", "持续", "已处理", "已解除"], WarningStatusText.All.Select(s => s.Text()));
        Assert.All(WarningStatusText.All, s => Assert.Equal(s, WarningStatusText.Parse(s.Text())));
        Assert.False(WarningStatusText.TryParse("处理中", out _));
        Assert.Throws<FormatException>(() => WarningStatusText.Parse("New"));
    }

    [Fact]
    public void Next_ClosedFoundWithTheSameFactsWordedWithoutAStraySpace_StaysClosed()
    {
        // The wording of a label lost its space (教育体育 在校学生 → 教育体育在校学生): no fact changed.
        Assert.Equal(WarningStatus.Closed, WarningLifecycle.Next(WarningStatus.Closed, "低保人员，见于教育体育 在校学生，未享受教育救助", found: true,
            "低保人员，见于教育体育在校学生，未享受教育救助"));
    }
}
