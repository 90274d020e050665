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

        var reason = parsed.Reason;
        if (parsed.IsCorrectable)
        {
            Span<long> candidates = stackalloc long[IdCorrections.MaxCandidates];
            var count = IdCorrections.Candidates(buffer[..IdNumber.Length], candidates);
            reason += count == 1 ? "; 1 valid ID is one typing slip away" : $"; {count} valid IDs are one typing slip away";
        }
        else if (parsed.Kind == IdKind.SeventeenDigits)
        {
            var digits = buffer[..parsed.Length];
            if (IdParser.TryReadWithoutCheck(digits, out var full))
            {
                reason += $"; without its check character it reads {full.Value}";
            }

            if (IdParser.TryReadCertificate15(digits, out var old))
            {
                reason += $"; as a certificate number on a 15-digit ID, {old.Value}";
            }
        }

        return $"{input}\tinvalid\t\t{reason}";
    }
}
