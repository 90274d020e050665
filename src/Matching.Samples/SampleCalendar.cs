namespace Matching.Samples;

/// <summary>The sample data's "today": the run date that makes the demo's 12-month windows the same on any day.</summary>
public static class SampleCalendar
{
    public static DateOnly Today => SampleDates.Reference;
}
