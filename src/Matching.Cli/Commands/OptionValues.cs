using Matching.Core.Errors;
using Matching.Core.Tables;
using Matching.Cli.Localization;

namespace Matching.Cli.Commands;

/// <summary>Option values the commands share, read in one way and refused in one wording.</summary>
internal static class OptionValues
{
    /// <summary>A day given as <c>yyyy-MM-dd</c> (<c>--as-of</c>, <c>--since</c>), or null when the option was not given.</summary>
    /// <exception cref="MatchingException">The text is not such a day; the message names the option.</exception>
    public static DateOnly? Date(string? text, string option)
    {
        if (text is null)
        {
            return null;
        }

        return StoredDate.Parse(text) is { } date
            ? date
            : throw new MatchingException(Text.Format("ErrNotADate", option, text));
    }
}
