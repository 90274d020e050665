using System.CommandLine;
using System.Globalization;
using Matching.Cli.Localization;
using Matching.Cli.Linkage;
using Matching.Core.Errors;
using Matching.Core.Identity;
using Matching.Core.Linkage;
using Matching.Core.Population;
using Matching.Ingest;
using Matching.Ingest.HeaderMaps;

namespace Matching.Cli.Commands;

/// <summary>
/// <c>matching evaluate &lt;labelled file&gt;</c>: matches a file that carries its own truth (a <c>truth_id</c>
/// column: the canonical ID of the low-income person each row really is, empty for someone not in the database;
/// optionally <c>damage</c>) against the database, and prints precision, recall and F1 by method and damage kind.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create(CommandGuard guard)
    {
        var file = new Argument<string>("file") { Description = Text.Get("HelpEvaluate_file") };
        var command = new Command("evaluate", Text.Get("HelpEvaluate_command"));
        command.Arguments.Add(file);
        command.SetAction((parse, ct) => guard(parse, (c, t) => RunAsync(c, parse.GetValue(file)!, t), ct));
        return command;
    }

    public static async Task<int> RunAsync(CliContext context, string file, CancellationToken cancellationToken)
    {
        var evaluation = await EvaluateAsync(context, file, cancellationToken);
        await Print(context.Out, file, evaluation);
        return CliApp.Ok;
    }

    public static async Task<Evaluation> EvaluateAsync(CliContext context, string file, CancellationToken cancellationToken)
    {
        using var table = SourceTable.Open(file, context.HeaderMaps.Get("labelled"), context.Limits);
        PopulationIndex population;
        await using (var store = await context.OpenStoreAsync(cancellationToken))
        {
            population = PopulationImages.For(context.Storage, context.Settings.Run) is { } images
                ? await images.LoadAsync(store, cancellationToken)
                : await store.Population.LoadIndexAsync(cancellationToken);
        }

        var matcher = new Matcher(population);
        var evaluation = new Evaluation();
        int id = table.Column(HeaderMap.IdField), name = table.Column(HeaderMap.NameField), birth = table.Column(HeaderMap.BirthDateField);
        int truth = table.Column("truth"), damage = table.Column("damage");
        while (table.Read())
        {
            var truthText = table.Reader.GetString(truth).Trim();
            long? truthKey = null;
            if (truthText.Length > 0)
            {
                var parsed = IdParser.Parse(truthText);
                if (!parsed.IsValid)
                {
                    throw new InputFileException(file, "truth_id is not a valid ID", table.Reader.SourceRow, table.ColumnName("truth"));
                }

                truthKey = population.Contains(parsed.Id.Key) ? parsed.Id.Key : null;
            }

            var rawId = table.Reader.GetString(id);
            var rawBirth = birth < 0 ? string.Empty : table.Reader.GetString(birth);
            var result = matcher.Match(rawId, name < 0 ? string.Empty : table.Reader.GetString(name), rawBirth);
            long? matchedKey = result.IsMatched ? population.Key(result.Person) : null;
            evaluation.Add(damage < 0 ? string.Empty : table.Reader.GetString(damage).Trim(), result, matchedKey, truthKey,
                Matcher.IsFindable(rawId, rawBirth));
        }

        return evaluation;
    }

    private static async Task Print(TextWriter write, string file, Evaluation evaluation)
    {
        await write.WriteLineAsync(Text.Format("EvalSummary", DisplayText.Escape(file), evaluation.Overall.Rows, evaluation.Overall.Present));
        await Table(write, Text.Get("EvalByDamage"), evaluation.ByDamage);
        await Table(write, Text.Get("EvalByMethod"), evaluation.ByMethod);
        await Table(write, Text.Get("EvalOverall"), new Dictionary<string, Evaluation.Tally>
        {
            [Text.Get("EvalAllRows")] = evaluation.Overall,
            [Text.Get("EvalFindable")] = evaluation.Findable,
            [Text.Format("EvalConfident", Evaluation.HighConfidence)] = evaluation.HighConfidenceTally,
        });
    }

    /// <summary>One table; columns padded by display width, so the Chinese headings line up too.</summary>
    private static async Task Table(TextWriter write, string title, IReadOnlyDictionary<string, Evaluation.Tally> rows)
    {
        await write.WriteLineAsync();
        await write.WriteLineAsync($"{DisplayText.Pad(title, 24)} {Right("EvalRows", 7)} {Right("EvalPresent", 7)} {Right("EvalRight", 7)} {Right("EvalWrong", 6)} " +
            $"{Right("EvalMissed", 7)} {Right("EvalPrecision", 9)} {Right("EvalRecall", 7)} {"F1",6}");
        foreach (var (key, t) in rows)
        {
            await write.WriteLineAsync(DisplayText.Pad(key, 24) + string.Create(CultureInfo.InvariantCulture,
                $" {t.Rows,7} {t.Present,7} {t.Right,7} {t.Wrong,6} {t.Missed,7} {t.Precision,9:0.0000} {t.Recall,7:0.0000} {t.F1,6:0.0000}"));
        }

        static string Right(string key, int width) => DisplayText.Pad(Text.Get(key), -width);
    }
}
