namespace Matching.Core.Rules;

/// <summary>
/// Where a warning stands in the household's aid chain (一户一条救助链). Nothing is deleted: a warning only changes
/// status (<see cref="WarningLifecycle"/>). The Chinese words are its text in the database, the workbooks and the
/// terminal (<see cref="WarningStatusText"/>); inside the program it is this enum. Declared in the order workbooks list them.
/// </summary>
public enum WarningStatus : byte
{
    /// <summary>新增: first found by this run (or found again after it had been resolved, or its facts changed).</summary>
    New,

    /// <summary>持续: found again by a later run; keeps its first date.</summary>
    Continuing,

    /// <summary>已处理: the receiving department returned a disposition; not raised again unless the facts change.</summary>
    Closed,

    /// <summary>已解除: a run no longer finds it.</summary>
    Resolved,
}

/// <summary>A <see cref="WarningStatus"/> as text: the words stored and shown (新增, 持续, 已处理, 已解除).</summary>
public static class WarningStatusText
{
    /// <summary>Every status, in the order workbooks list them.</summary>
    public static IReadOnlyList<WarningStatus> All { get; } = [WarningStatus.New, WarningStatus.Continuing, WarningStatus.Closed, WarningStatus.Resolved];

    /// <summary>The status's word (新增 …), as stored in the database and shown in workbooks.</summary>
    public static string Text(this WarningStatus status) => status switch
    {
        WarningStatus.New => "新增",
        WarningStatus.Continuing => "持续",
        WarningStatus.Closed => "已处理",
        WarningStatus.Resolved => "已解除",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>The statuses a department still has to act on.</summary>
    public static bool IsOpen(this WarningStatus status) => status is WarningStatus.New or WarningStatus.Continuing;

    /// <summary>Reads a status's word back; false for any other text.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out WarningStatus status)
    {
        foreach (var each in All)
        {
            if (text.SequenceEqual(each.Text()))
            {
                status = each;
                return true;
            }
        }

        status = default;
        return false;
    }

    /// <summary>Reads a stored status's word back.</summary>
    /// <exception cref="FormatException">The text is no status's word.</exception>
    public static WarningStatus Parse(string text) =>
        TryParse(text, out var status) ? status : throw new FormatException($"not a warning status: '{text}'");
}
