using System.Text;
using System.Text.RegularExpressions;

namespace Matching.Cli.Localization;

/// <summary>
/// The words of System.CommandLine's own help and parse errors that its Chinese resources leave in English
/// (<c>Description:</c>, <c>[options]</c>, <c>Option '--out' is required.</c>, <c>'--x' was not matched. Did you mean
/// one of the following?</c>), put in the operator's language as the command line writes them, a line at a time.
/// Every other line passes through unchanged. Only the command line's own writers go through this (help and parse
/// errors); a command's output does not.
/// </summary>
internal sealed partial class CommandLineWords : TextWriter
{
    private readonly TextWriter _inner;
    private readonly StringBuilder _line = new();

    public CommandLineWords(TextWriter inner)
        : base(inner.FormatProvider)
    {
        _inner = inner;

        // Lines end as the writer underneath ends them.
        CoreNewLine = inner.NewLine.ToCharArray();
    }

    public override Encoding Encoding => _inner.Encoding;

    public override void Write(char value)
    {
        if (value == '\n')
        {
            _inner.Write(Translate(_line.ToString()));
            _inner.Write('\n');
            _line.Clear();
        }
        else
        {
            _line.Append(value);
        }
    }

    public override void Write(string? value)
    {
        foreach (var c in value ?? string.Empty)
        {
            Write(c);
        }
    }

    public override void Write(char[] buffer, int index, int count)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        for (var i = index; i < index + count; i++)
        {
            Write(buffer[i]);
        }
    }

    public override void Flush()
    {
        if (_line.Length > 0)
        {
            _inner.Write(Translate(_line.ToString()));
            _line.Clear();
        }

        _inner.Flush();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
        }

        base.Dispose(disposing);
    }

    /// <summary>One line as the operator's language words it.</summary>
    internal static string Translate(string line)
    {
        var end = line.EndsWith('\r') ? "\r" : string.Empty;
        var text = line[..^end.Length];
        if (text == "Description:")
        {
            return Text.Get("ClDescription") + end;
        }

        if (RequiredOption().Match(text) is { Success: true } required)
        {
            return Text.Format("ClOptionRequired", required.Groups[1].Value) + end;
        }

        if (NotMatched().Match(text) is { Success: true } unmatched)
        {
            return Text.Format("ClNotMatched", unmatched.Groups[1].Value) + end;
        }

        if (text.StartsWith("  ", StringComparison.Ordinal) && (text.EndsWith(" [options]", StringComparison.Ordinal) || text.Contains(" [command]", StringComparison.Ordinal)))
        {
            // The usage line: matching export [options], matching [command] [options], matching id <value>... [options].
            return text.Replace(" [command]", " " + Text.Get("ClCommandPlaceholder"), StringComparison.Ordinal)
                .Replace(" [options]", " " + Text.Get("ClOptionsPlaceholder"), StringComparison.Ordinal) + end;
        }

        return line;
    }

    [GeneratedRegex(@"^Option '(.+)' is required\.$")]
    private static partial Regex RequiredOption();

    [GeneratedRegex(@"^'(.+)' was not matched\. Did you mean one of the following\?$")]
    private static partial Regex NotMatched();
}
