using System.Globalization;
using Matching.Core.Localization;

namespace Matching.Core.Departments;

/// <summary>
/// The guard on snapshots (lists): a new list much shorter than the current one is almost always a mistake (a wrong
/// filter, one town only, a truncated export, IDs lost to Excel), not news. It is refused unless the operator says
/// otherwise (<c>--accept-shrink</c>).
/// </summary>
public static class ShrinkGuard
{
    /// <summary>
    /// Why a snapshot of <paramref name="accepted"/> rows (<paramref name="usable"/> of them identifying someone)
    /// must not replace one of <paramref name="currentAccepted"/> (<paramref name="currentUsable"/>), or null when it
    /// may: each count must reach <paramref name="minShare"/> of the current one's.
    /// </summary>
    public static string? Check(long accepted, long usable, long currentAccepted, long currentUsable, double minShare, string what)
    {
        if (accepted < minShare * currentAccepted)
        {
            return Text.Format("ShrinkFewer", accepted, what, minShare.ToString("0.##", CultureInfo.InvariantCulture), currentAccepted);
        }

        if (usable < minShare * currentUsable)
        {
            return Text.Format("ShrinkFewerUsable", usable, what, minShare.ToString("0.##", CultureInfo.InvariantCulture), currentUsable);
        }

        return null;
    }
}
