using System.Security.Cryptography;
using Matching.Core.Errors;
using Matching.Core.Localization;
using Matching.Storage;
using Matching.Cli.Localization;

namespace Matching.Cli.Audit;

/// <summary>
/// Writes the access audit (<c>access_audit</c>) for the commands and jobs that reveal or export personal data. The
/// rule: no record, no data. <c>show --full</c> records before it prints; a bulk output (workbooks, a match CSV) is
/// written under its final name whole, then recorded, and removed again if the record cannot be written.
/// </summary>
internal sealed class AccessAudit(Stores stores, TimeProvider time)
{
    /// <summary>A record of <paramref name="command"/> by this OS user on this host, now.</summary>
    public AccessRecord New(string command, bool fullIds, AccessOutcome outcome = AccessOutcome.Ok) => new()
    {
        At = time.GetUtcNow(),
        OsUser = CliContext.Operator,
        Host = Environment.MachineName,
        Command = command,
        FullIds = fullIds,
        Outcome = outcome,
    };

    /// <summary>Appends <paramref name="record"/> through an open store; throws when it cannot be written.</summary>
    public static Task RecordAsync(MatchingStore store, AccessRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Access.RecordAsync(record, cancellationToken);
    }

    /// <summary>Appends <paramref name="record"/> on its own connection; throws when it cannot be written.</summary>
    public async Task RecordAsync(AccessRecord record, CancellationToken cancellationToken)
    {
        await using var store = await stores.OpenAsync(cancellationToken);
        await store.Access.RecordAsync(record, cancellationToken);
    }

    /// <summary>
    /// Records a bulk output already written to <paramref name="files"/> (their SHA-256 kept with the record); when the
    /// record cannot be written the files are deleted and the command fails: data not on record is not handed out.
    /// </summary>
    public Task RecordOutputAsync(AccessRecord record, IReadOnlyList<string> files, CancellationToken cancellationToken) =>
        RecordOutputAsync(record, files, sha256: null, cancellationToken);

    /// <summary>
    /// Records a bulk output already written to <paramref name="files"/>; of a single file, its SHA-256 may be given as
    /// the writer computed it while writing (<paramref name="sha256"/>, lower-case hex; null: the file is read back for
    /// it). When the record cannot be written the files are deleted and the command fails.
    /// </summary>
    /// <exception cref="ArgumentException">A hash given for several files (theirs is a hash of their hashes).</exception>
    public async Task RecordOutputAsync(AccessRecord record, IReadOnlyList<string> files, string? sha256, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(files);
        if (sha256 is not null && files.Count != 1)
        {
            throw new ArgumentException("A written hash stands for one file only.", nameof(sha256));
        }

        try
        {
            await RecordAsync(record with { OutputSha256 = sha256 ?? await HashOfAsync(files, cancellationToken) }, cancellationToken);
        }
        catch (MatchingException ex)
        {
            foreach (var file in files)
            {
                File.Delete(file);
            }

            throw new MatchingException(Text.Format("ErrNotHandedOut", ex.Message, TextList.Join(files)), ex);
        }
    }

    /// <summary>SHA-256 of one file, or of the files' hashes in order (one per line) for several.</summary>
    private static async Task<string> HashOfAsync(IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        var hashes = new List<string>();
        foreach (var file in files)
        {
            await using var stream = File.OpenRead(file);
            hashes.Add(Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken)));
        }

        return hashes.Count == 1 ? hashes[0] : Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', hashes))));
    }
}
