using System.Data.Common;
using Dapper;
using Matching.Storage.Localization;

namespace Matching.Storage;

/// <summary>The access audit (<c>access_audit</c>): one <see cref="AccessRecord"/> per access, written and read back.</summary>
public sealed class AccessStore
{
    private readonly StoreContext _db;

    internal AccessStore(StoreContext db) => _db = db;

    private const string AccessColumns = """
        SELECT audit_id AS AuditId, at AS At, os_user AS OsUser, host AS Host, command AS Command, full_ids AS FullIds,
               subject_count AS SubjectCount, subjects AS Subjects, subject_hash AS SubjectHash, output_path AS OutputPath,
               output_sha256 AS OutputSha256, outcome AS Outcome, detail AS Detail
        FROM access_audit
        """;

    /// <summary>
    /// Appends one access record in its own transaction (retried as a whole on a transient fault). A record that
    /// cannot be written fails with "database: the access audit cannot be written (…)": the caller must then not hand
    /// the data out.
    /// </summary>
    public Task<int> RecordAsync(AccessRecord record, CancellationToken cancellationToken) =>
        _db.CommitAsync("audit", Text.Get("FailedAudit"), requireSchema: false,
            (transaction, token) => InsertAsync(record, transaction, token), cancellationToken);

    /// <summary>Appends one access record inside <paramref name="transaction"/> (part of a command's own transaction).</summary>
    internal Task<int> InsertAsync(AccessRecord record, DbTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return _db.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO access_audit (at, os_user, host, command, full_ids, subject_count, subjects, subject_hash, output_path, output_sha256, outcome, detail)
            VALUES (@at, @OsUser, @Host, @Command, @fullIds, @SubjectCount, @Subjects, @SubjectHash, @OutputPath, @OutputSha256, @outcome, @Detail)
            """,
            new
            {
                at = StoredTime.Format(record.At),
                record.OsUser,
                record.Host,
                record.Command,
                fullIds = record.FullIds ? 1 : 0,
                record.SubjectCount,
                record.Subjects,
                record.SubjectHash,
                record.OutputPath,
                record.OutputSha256,
                outcome = record.Outcome.Text(),
                record.Detail,
            },
            transaction, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// The access records, oldest first: since a UTC time, by an OS user; each filter optional (a subject is looked
    /// for by the caller, in <see cref="AccessRecord.Subjects"/> and <see cref="AccessRecord.SubjectHash"/>).
    /// </summary>
    public async Task<IReadOnlyList<AccessRecord>> ListAsync(DateTimeOffset? since, string? osUser, CancellationToken cancellationToken)
    {
        await _db.RequireSchemaAsync(cancellationToken);
        var rows = await _db.Connection.QueryAsync<AccessRow>(new CommandDefinition(
            $"""
            {AccessColumns}
            WHERE (@since IS NULL OR at >= @since) AND (@osUser IS NULL OR os_user = @osUser)
            ORDER BY audit_id
            """,
            new { since = since is { } t ? StoredTime.Format(t) : null, osUser },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToRecord())];
    }

    /// <summary>How access_audit rows come back: every provider's types, turned into an <see cref="AccessRecord"/>.</summary>
    private sealed class AccessRow
    {
        public long AuditId { get; init; }

        public string At { get; init; } = string.Empty;

        public string OsUser { get; init; } = string.Empty;

        public string Host { get; init; } = string.Empty;

        public string Command { get; init; } = string.Empty;

        public long FullIds { get; init; }

        public long SubjectCount { get; init; }

        public string? Subjects { get; init; }

        public string? SubjectHash { get; init; }

        public string? OutputPath { get; init; }

        public string? OutputSha256 { get; init; }

        public string Outcome { get; init; } = string.Empty;

        public string? Detail { get; init; }

        public AccessRecord ToRecord() => new()
        {
            AuditId = AuditId,
            At = StoredTime.Parse(At) ?? throw new FormatException($"access_audit {AuditId}: '{At}' is no stored time"),
            OsUser = OsUser,
            Host = Host,
            Command = Command,
            FullIds = FullIds != 0,
            SubjectCount = SubjectCount,
            Subjects = Subjects,
            SubjectHash = SubjectHash,
            OutputPath = OutputPath,
            OutputSha256 = OutputSha256,
            Outcome = AccessOutcomeText.Parse(Outcome),
            Detail = Detail,
        };
    }
}
