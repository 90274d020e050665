using System.Security.Cryptography;

namespace Matching.Cli;

/// <summary>SHA-256 and size of a file: the same bytes imported twice are recognised by them.</summary>
internal static class FileFingerprint
{
    public static async Task<(string Sha256, long Size)> OfAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken);
        return (Convert.ToHexStringLower(hash), stream.Length);
    }
}
