namespace Matching.Core.Rules;

/// <summary>
/// How one run moves a warning along: found or not by this run, against what was stored before.
/// <list type="bullet">
/// <item>not stored, found → 新增;</item>
/// <item>新增 or 持续, found → 持续 (first date kept); not found → 已解除;</item>
/// <item>已解除, found → 新增 again;</item>
/// <item>已处理 (a department's disposition), found with the same facts → stays 已处理; with other facts → 新增;
/// not found → 已解除.</item>
/// </list>
/// </summary>
public static class WarningLifecycle
{
    /// <param name="stored">The stored status, or null for a warning never seen.</param>
    /// <param name="storedDetail">The facts as stored (for 已处理: as they were when the department closed it).</param>
    /// <param name="found">Whether this run found the warning.</param>
    /// <param name="foundDetail">The facts this run found (when found).</param>
    /// <returns>The new status, or null when nothing changes (not found and not stored, or already resolved).</returns>
    public static WarningStatus? Next(WarningStatus? stored, string? storedDetail, bool found, string? foundDetail) =>
        Next(stored, found, SameFacts(storedDetail, foundDetail));

    /// <param name="stored">The stored status, or null for a warning never seen.</param>
    /// <param name="found">Whether this run found the warning.</param>
    /// <param name="sameFacts">Whether the facts found are the facts stored (for 已处理: as they were when closed).</param>
    /// <returns>The new status, or null when nothing changes.</returns>
    public static WarningStatus? Next(WarningStatus? stored, bool found, bool sameFacts)
    {
        if (!found)
        {
            return stored is null or WarningStatus.Resolved ? null : WarningStatus.Resolved;
        }

        return stored switch
        {
            null or WarningStatus.Resolved => WarningStatus.New,
            WarningStatus.Closed => sameFacts ? WarningStatus.Closed : WarningStatus.New,
            _ => WarningStatus.Continuing,
        };
    }

    /// <summary>
    /// Whether two details state the same facts. Whitespace does not count: a label's stray space dropped from the
    /// wording (教育体育 在校学生 → 教育体育在校学生) must not reopen every warning a department has closed.
    /// </summary>
    public static bool SameFacts(string? a, string? b)
    {
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return true;
        }

        if (a is null || b is null)
        {
            return false;
        }

        return string.Equals(RuleText.Words(a), RuleText.Words(b), StringComparison.Ordinal);
    }
}
