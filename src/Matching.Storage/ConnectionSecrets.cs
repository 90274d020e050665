using System.Data.Common;
using System.Text.RegularExpressions;

namespace Matching.Storage;

/// <summary>
/// Keeps database passwords out of everything Matching shows: errors, <c>.error.txt</c> notes, logs, <c>status</c>
/// and the access audit. A connection string's <c>Password=</c>/<c>Pwd=</c> value and a URL's user-info password
/// (<c>postgres://user:secret@host</c>) become <c>***</c>; <see cref="Scrub"/> also removes the literal password of
/// the connection string in use wherever a provider's message quotes it without its key.
/// </summary>
public static partial class ConnectionSecrets
{
    public const string Hidden = "***";

    /// <summary><paramref name="text"/> with every <c>Password=…</c>, <c>Pwd=…</c> and URL password replaced by <see cref="Hidden"/>.</summary>
    public static string Mask(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        var masked = KeyValue().Replace(text, m => m.Groups["key"].Value + "=" + Hidden);
        return UrlUserInfo().Replace(masked, m => m.Groups["user"].Value + ":" + Hidden + "@");
    }

    /// <summary>
    /// <see cref="Mask"/>, and the password of <paramref name="connectionString"/> (the one in use) removed wherever
    /// it still appears on its own.
    /// </summary>
    public static string Scrub(string? text, string? connectionString)
    {
        var masked = Mask(text);
        foreach (var secret in SecretsOf(connectionString))
        {
            masked = masked.Replace(secret, Hidden, StringComparison.Ordinal);
        }

        return masked;
    }

    /// <summary>The password values a connection string or URL carries (none when it cannot be read).</summary>
    public static IReadOnlyList<string> SecretsOf(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return [];
        }

        var secrets = new List<string>();
        foreach (Match m in UrlUserInfo().Matches(connectionString))
        {
            secrets.Add(m.Groups["password"].Value);
        }

        try
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
            foreach (var key in (ReadOnlySpan<string>)["Password", "Pwd"])
            {
                if (builder.TryGetValue(key, out var value) && value is string text)
                {
                    secrets.Add(text);
                }
            }
        }
        catch (ArgumentException)
        {
            // Not a readable connection string: the key=value pattern below still finds what it can.
            foreach (Match m in KeyValue().Matches(connectionString))
            {
                secrets.Add(m.Groups["value"].Value.Trim('"', '\''));
            }
        }

        // A one- or two-character password would mask every such letter of a message; the key=value mask still covers it.
        return [.. secrets.Where(s => s.Length >= 3).Distinct(StringComparer.Ordinal)];
    }

    [GeneratedRegex("""(?<key>\b(?:password|pwd))\s*=\s*(?<value>"[^"]*"|'[^']*'|[^;]*)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KeyValue();

    [GeneratedRegex("""(?<user>\b[a-z][a-z0-9+.\-]*://[^:/@\s]*):(?<password>[^@/\s]+)@""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlUserInfo();
}
