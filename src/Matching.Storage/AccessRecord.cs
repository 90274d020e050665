using System.Security.Cryptography;
using System.Text;

namespace Matching.Storage;

/// <summary>
/// One row of the access audit (<c>access_audit</c>): who (OS user, host), when (UTC), which command, whether whole
/// IDs were handed out, whose data (a few IDs, or a count; the SHA-256 of the sorted ID list) and where it went.
/// </summary>
public sealed record AccessRecord
{
    /// <summary>The most IDs kept in <see cref="Subjects"/>; a bulk output keeps its count and hashes.</summary>
    public const int MaxListedSubjects = 20;

    public long AuditId { get; init; }

    public DateTimeOffset At { get; init; }

    public required string OsUser { get; init; }

    public required string Host { get; init; }

    public required string Command { get; init; }

    public bool FullIds { get; init; }

    public long SubjectCount { get; init; }

    /// <summary>The subjects' IDs, one per line (at most <see cref="MaxListedSubjects"/>); null for a bulk output.</summary>
    public string? Subjects { get; init; }

    /// <summary>SHA-256 (hex) of the sorted ID list, one per line (<see cref="HashOf"/>).</summary>
    public string? SubjectHash { get; init; }

    public string? OutputPath { get; init; }

    /// <summary>SHA-256 (hex) of the files written, for a bulk output.</summary>
    public string? OutputSha256 { get; init; }

    public AccessOutcome Outcome { get; init; }

    public string? Detail { get; init; }

    /// <summary>A record naming these subjects: listed when few, always counted and hashed.</summary>
    public AccessRecord WithSubjects(IReadOnlyCollection<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var sorted = ids.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return this with
        {
            SubjectCount = sorted.Count,
            Subjects = sorted.Count is > 0 and <= MaxListedSubjects ? string.Join('\n', sorted) : null,
            SubjectHash = sorted.Count > 0 ? HashOf(sorted) : null,
        };
    }

    /// <summary>SHA-256 (lowercase hex) of the IDs sorted ordinally, one per line: the same list gives the same hash.</summary>
    public static string HashOf(IEnumerable<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var text = string.Join('\n', ids.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
