using System.CommandLine;
using System.Globalization;
using Matching.Core.Errors;
using Matching.Core.Identity;
using Matching.Export.Workbooks;
using Matching.Ingest;
using Matching.Ingest.HeaderMaps;
using Matching.Storage;

namespace Matching.Cli.Commands;

/// <summary>
/// <c>matching feedback import &lt;receiver&gt; &lt;file&gt;</c>: a department's returned workbook, 处理结果 and
/// 处理日期 filled in. Each answered row closes its warning (已处理) until its facts change; rows that name no warning
/// of that receiver, or whose date does not read, are listed; nothing else changes. One transaction.
/// </summary>
internal static class FeedbackCommand
{
    private static readonly HeaderMap Map = new()
    {
        Source = "feedback",
        Label = "returned warning workbook",
        Fields = new Dictionary<string, FieldSpec>(StringComparer.Ordinal)
        {
            [HeaderMap.IdField] = new() { Headers = [WarningWorkbook.WarningIdHeader], Required = true },
            ["result"] = new() { Headers = [WarningWorkbook.ResultHeader], Required = true },
            ["date"] = new() { Headers = [WarningWorkbook.DateHeader], Type = Core.Departments.FieldType.Date },
        },
    };

    public static Command Create(CommandGuard guard)
    {
        var receiver = new Argument<string>("receiver") { Description = "The receiver the workbook was sent to (education, civil-affairs …)" };
        var file = new Argument<string>("file") { Description = "The returned workbook (.xlsx, .xls or .csv) with 处理结果 and 处理日期 filled in" };
        var import = new Command("import", "Record the dispositions (处理结果, 处理日期) of a department's returned workbook");
        import.Arguments.Add(receiver);
        import.Arguments.Add(file);
        import.SetAction((parse, ct) => guard(parse, (c, t) => ImportAsync(c, parse.GetValue(receiver)!, parse.GetValue(file)!, t), ct));
        var command = new Command("feedback", "Dispositions returned by the departments");
        command.Subcommands.Add(import);
        return command;
    }

    public static async Task<int> ImportAsync(CliContext context, string receiver, string file, CancellationToken cancellationToken)
    {
        if (!context.Rules.Receivers.ContainsKey(receiver))
        {
            throw new MatchingException($"'{receiver}' is not a receiver ({string.Join(", ", context.Rules.Receivers.Keys)})");
        }

        var dispositions = new List<Disposition>();
        var problems = new List<string>();
        var rowOf = new Dictionary<long, long>();
        using (var table = SourceTable.Open(file, Map, context.Limits))
        {
            var idColumn = table.ColumnName(HeaderMap.IdField);
            while (table.Read())
            {
                var row = table.Reader.SourceRow;
                var result = table.Reader.GetString(table.Column("result")).Trim();
                if (result.Length == 0)
                {
                    continue;
                }

                var idText = table.Reader.GetString(table.Column(HeaderMap.IdField)).Trim();
                if (idText.Length > MaxWarningDigits || !long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var warningId))
                {
                    // The cell may hold anything a clerk typed, an ID number included: it is shown masked.
                    problems.Add($"row {row}, column {idColumn}: '{IdNumber.Mask(idText)}' is not a warning number");
                    continue;
                }

                var dateColumn = table.Column("date");
                var dateText = dateColumn < 0 ? string.Empty : table.Reader.GetString(dateColumn);
                DateOnly? date = null;
                if (dateText.Trim().Length > 0)
                {
                    if (!CellParsers.ParseDate(dateText, out var day))
                    {
                        problems.Add($"row {row}, column {table.ColumnName("date")}: not a date");
                        continue;
                    }

                    date = day;
                }

                rowOf[warningId] = row;
                dispositions.Add(new Disposition(warningId, result, date));
            }
        }

        await using var store = await context.OpenStoreAsync(cancellationToken);
        var (recorded, unchanged, unknown, stale) = await store.RecordDispositionsAsync(receiver, dispositions, cancellationToken);
        foreach (var id in unknown)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"row {rowOf[id]}: warning {id} is not a warning of {receiver}"));
        }

        foreach (var id in stale)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"row {rowOf[id]}: warning {id} was raised again after this answer's 处理日期 (its facts changed); answer it anew"));
        }

        await context.Out.WriteLineAsync($"{DisplayText.Escape(file)}: {recorded} dispositions recorded, {unchanged} unchanged, {problems.Count} rows not used");
        foreach (var problem in problems)
        {
            await context.Out.WriteLineAsync($"  {problem}");
        }

        return CliApp.Ok;
    }

    /// <summary>Warning numbers are row ids; ten digits is far beyond any database's count, and an ID number is 18.</summary>
    private const int MaxWarningDigits = 10;
}
