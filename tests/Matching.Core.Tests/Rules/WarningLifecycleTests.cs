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
    public void Next_OpenAndFoundAgain_Continuing(string stored)
    {
        Assert.Equal(WarningStatus.Continuing, WarningLifecycle.Next(stored, Facts, found: true, Facts));
    }

    [Theory]
    [InlineData(WarningStatus.New)]
    [InlineData(WarningStatus.Continuing)]
    public void Next_OpenAndFoundWithOtherFacts_StillContinuing(string stored)
    {
        Assert.Equal(WarningStatus.Continuing, WarningLifecycle.Next(stored, Facts, found: true, OtherFacts));
    }

    [Theory]
    [InlineData(WarningStatus.New)]
    [InlineData(WarningStatus.Continuing)]
    public void Next_OpenAndNotFound_Resolved(string stored)
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
    public void IsOpen_Status_OnlyNewAndContinuing(string status, bool open)
    {
        Assert.Equal(open, WarningStatus.IsOpen(status));
    }

    [Fact]
    public void Next_ClosedFoundWithTheSameFactsWordedWithoutAStraySpace_StaysClosed()
    {
        // The wording of a label lost its space (教育体育 在校学生 → 教育体育在校学生): no fact changed.
        Assert.Equal(WarningStatus.Closed, WarningLifecycle.Next(WarningStatus.Closed, "低保人员，见于教育体育 在校学生，未享受教育救助", found: true,
            "低保人员，见于教育体育在校学生，未享受教育救助"));
    }
}
