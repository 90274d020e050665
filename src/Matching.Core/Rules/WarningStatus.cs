namespace Matching.Core.Rules;

/// <summary>
/// Where a warning stands in the household's aid chain (一户一条救助链), as workbooks show it. Nothing is deleted:
/// a warning only changes status.
/// </summary>
public static class WarningStatus
{
    /// <summary>新增: first found by this run (or found again after it had been resolved, or its facts changed).</summary>
    public const string New = "新增";

    /// <summary>持续: found again by a later run; keeps its first date.</summary>
    public const string Continuing = "持续";

    /// <summary>已解除: a run no longer finds it.</summary>
    public const string Resolved = "已解除";

    /// <summary>已处理: the receiving department returned a disposition; not raised again unless the facts change.</summary>
    public const string Closed = "已处理";

    /// <summary>The statuses a department still has to act on.</summary>
    public static bool IsOpen(string status) => status is New or Continuing;
}
