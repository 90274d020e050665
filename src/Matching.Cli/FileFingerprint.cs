using System.Security.Cryptography;
using Matching.Core.Errors;
using Matching.Ingest.Tables;

namespace Matching.Cli;

/// <summary>SHA-256 and size of a file: the same bytes imported twice are recognised by them.</summary>
internal static class FileFingerprint
{
    /// <summary>
    /// The file's SHA-256 and size. Only a regular file is hashed: a FIFO (opening it waits for a writer) or a device
    /// (<c>/dev/zero</c> never ends) is refused before it is opened.
    /// </summary>
    public static Task<(string Sha256, long Size)> OfAsync(string path, CancellationToken cancellationToken) =>
        OfAsync(path, null, cancellationToken);

    /// <summary>As <see cref="OfAsync(string, CancellationToken)"/>, and a file over <see cref="IngestLimits.MaxFileBytes"/> is refused before it is read.</summary>
    public static async Task<(string Sha256, long Size)> OfAsync(string path, IngestLimits? limits, CancellationToken cancellationToken)
    {
        InputFile.Require(path, limits ?? IngestLimits.Default with { MaxFileBytes = long.MaxValue });
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            var hash = await SHA256.HashDataAsync(stream, cancellationToken);
            return (Convert.ToHexStringLower(hash), stream.Length);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new InputFileException(path, "cannot be opened: permission denied", inner: ex);
        }
        catch (IOException ex)
        {
            throw new InputFileException(path, "cannot be read: " + ex.Message, inner: ex);
        }
    }
}
