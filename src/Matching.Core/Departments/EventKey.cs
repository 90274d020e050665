namespace Matching.Core.Departments;

/// <summary>
/// Which event a ledger row records: its date (day number, <see cref="NoDate"/> when the event has none) and a
/// 128-bit hash of what names it (a record number, else the ID and amounts). Two rows with equal keys are one event
/// sent twice; it counts once.
/// </summary>
/// <param name="Day">The event's date as <see cref="DateOnly.DayNumber"/>, or <see cref="NoDate"/>.</param>
/// <param name="Hash">The hash of the event's identity.</param>
public readonly record struct EventKey(int Day, UInt128 Hash)
{
    /// <summary>The day of an event without a date.</summary>
    public const int NoDate = -1;

    /// <summary>The high 64 bits of <see cref="Hash"/>, as stored.</summary>
    public long High => unchecked((long)(ulong)(Hash >> 64));

    /// <summary>The low 64 bits of <see cref="Hash"/>, as stored.</summary>
    public long Low => unchecked((long)(ulong)Hash);
}
