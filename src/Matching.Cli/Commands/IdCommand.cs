using System.CommandLine;
using Matching.Cli.Localization;
using Matching.Core.Identity;

namespace Matching.Cli.Commands;

/// <summary>
/// <c>matching id &lt;value&gt;...</c>: explains resident ID numbers for an operator checking one by hand. One
/// tab-separated line per value: input, valid|invalid, canonical ID, reason when invalid.
/// </summary>
internal static class IdCommand
{
    public static Command Create(CommandGuard guard)
    {
        var values = new Argument<string[]>("value") { Description = Text.Get("HelpId_values"), Arity = ArgumentArity.OneOrMore };
        var command = new Command("id", Text.Get("HelpId_command"));
        command.Arguments.Add(values);
        command.SetAction((parse, ct) => guard(parse, (c, _) => RunAsync(c, parse.GetValue(values) ?? []), ct));
        return command;
    }

    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> values)
    {
        foreach (var value in values)
        {
            await context.Out.WriteLineAsync(Explain(value));
        }

        return CliApp.Ok;
    }

    public static string Explain(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Span<char> buffer = stackalloc char[IdNormalizer.MaxLength];
        var parsed = IdParser.Parse(value, buffer);
        // Tab-separated output: a tab, a line break or any control character in the input is shown escaped.
        var input = DisplayText.Escape(value);
        if (parsed.IsValid)
        {
            return $"{input}\tvalid\t{parsed.Id.Value}\t";
        }

        var reason = Reason(parsed);
        if (parsed.IsCorrectable)
        {
            Span<long> candidates = stackalloc long[IdCorrections.MaxCandidates];
            var count = IdCorrections.Candidates(buffer[..IdNumber.Length], candidates);
            reason += count == 1 ? Text.Get("IdSlipOne") : Text.Format("IdSlipMany", count);
        }
        else if (parsed.Kind == IdKind.SeventeenDigits)
        {
            var digits = buffer[..parsed.Length];
            if (IdParser.TryReadWithoutCheck(digits, out var full))
            {
                reason += Text.Format("IdWithoutCheck", full.Value);
            }

            if (IdParser.TryReadCertificate15(digits, out var old))
            {
                reason += Text.Format("IdAsCertificate15", old.Value);
            }
        }

        return $"{input}\tinvalid\t\t{reason}";
    }

    /// <summary>
    /// Why an ID is invalid, in the operator's language (<see cref="IdParseResult.Reason"/> is the English of the match
    /// CSV's reason column, a file format).
    /// </summary>
    private static string Reason(IdParseResult parsed) => parsed.Kind switch
    {
        IdKind.Empty => Text.Get("IdReason_Empty"),
        IdKind.WrongLength => parsed.Length > IdNormalizer.MaxLength
            ? Text.Format("IdReason_TooLong", IdNormalizer.MaxLength)
            : Text.Format("IdReason_WrongLength", parsed.Length),
        IdKind.SeventeenDigits => Text.Get("IdReason_SeventeenDigits"),
        IdKind.ForeignCharacters => Text.Get("IdReason_ForeignCharacters"),
        IdKind.CheckCharWrong => Text.Get("IdReason_CheckCharWrong"),
        IdKind.BirthDateInvalid => Text.Get("IdReason_BirthDateInvalid"),
        IdKind.ProvinceUnknown => Text.Get("IdReason_ProvinceUnknown"),
        IdKind.ExcelDamaged => Text.Get("IdReason_ExcelDamaged"),
        _ => parsed.Reason,
    };
}
