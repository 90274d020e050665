namespace Matching.Samples.Benchmark;

/// <summary>Birth dates of the benchmark data as day numbers from 1925-01-01 to the sample's reference date.</summary>
internal static class BenchmarkDates
{
    public static readonly DateOnly First = new(1925, 1, 1);

    private static readonly int[] Dates = Build();

    /// <summary>Days from <see cref="First"/> to <see cref="SampleDates.Reference"/>, both included.</summary>
    public static int Count => Dates.Length;

    /// <summary>The date of day <paramref name="day"/> as the number YYYYMMDD.</summary>
    public static int YyyyMmDd(int day) => Dates[day];

    public static int YearOf(int day) => Dates[day] / 10_000;

    private static int[] Build()
    {
        var dates = new int[SampleDates.Reference.DayNumber - First.DayNumber + 1];
        for (var i = 0; i < dates.Length; i++)
        {
            var date = First.AddDays(i);
            dates[i] = (date.Year * 10_000) + (date.Month * 100) + date.Day;
        }

        return dates;
    }
}
