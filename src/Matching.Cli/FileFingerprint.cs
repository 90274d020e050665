using System.Security.Cryptography;
using Matching.Core.Errors;

namespace Matching.Cli;

/// <summary>SHA-256 and size of a file: the same bytes imported twice are recognised by them.</summary>
internal static class FileFingerprint
{
    public static async Task<(string Sha256, long Size)> OfAsync(string path, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path))
        {
            throw new InputFileException(path, "is a folder, not a file");
        }

        if (!File.Exists(path))
        {
            throw new InputFileException(path, "no such file");
        }

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
