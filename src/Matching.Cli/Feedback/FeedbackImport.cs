using System.Globalization;
using Matching.Core.Answers;
using Matching.Core.Errors;
using Matching.Core.Identity;
using Matching.Core.Localization;
using Matching.Ingest;
using Matching.Ingest.HeaderMaps;
using Matching.Storage;
using Matching.Cli.Localization;

namespace Matching.Cli.Feedback;

/// <summary>What a returned workbook did: the answers recorded, and every row not used with why.</summary>
internal sealed record FeedbackOutcome(string Receiver, DispositionResult Stored, IReadOnlyList<string> Problems);

/// <summary>
/// Reads a department's returned warning workbook (<c>matching feedback import</c>) and records its answers. The
/// sheet holding the list is searched for, its columns found by header name (the names and their synonyms come from
/// <c>answers.json</c>), so the layout written today, older workbooks already sent out and a department's re-saved or
/// rearranged copy all read. Each 处理结果 is read against the answer vocabulary: an answer that closes, one that keeps
/// the warning open, or no answer (refused, or not in the vocabulary: listed back, never guessed). A date without an
/// answer, a date that does not read and a date in the future are listed and not recorded. A workbook whose numbers
/// are mostly another receiver's is refused whole; a row whose 身份证号码 is not its warning's (a 预警编号 typed over)
/// is listed. One transaction.
/// </summary>
internal sealed class FeedbackImport(BureauConfig config, Stores stores, TimeProvider time)
{
    /// <summary>Warning numbers are row ids; ten digits is far beyond any database's count, and an ID number is 18.</summary>
    private const int MaxWarningDigits = 10;

    /// <summary>A receiver by its code (education) or its Chinese name (教育体育局), as rules.json lists them.</summary>
    public string Receiver(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var receivers = config.Rules.Receivers;
        var wanted = AnswerVocabulary.Normalize(text);
        foreach (var (code, name) in receivers)
        {
            if (code == wanted || AnswerVocabulary.Normalize(name) == wanted)
            {
                return code;
            }
        }

        throw new MatchingException(Text.Format("ErrNotReceiver", DisplayText.Escape(text), TextList.Join(receivers.Select(r => $"{r.Key} {r.Value}"))));
    }

    /// <summary>Reads the returned workbook and records its answers, with <paramref name="access"/> in the access audit in the same transaction.</summary>
    public async Task<FeedbackOutcome> ImportAsync(string receiverText, string file, AccessRecord? access, CancellationToken cancellationToken)
    {
        var receiver = Receiver(receiverText);
        var answers = config.Answers;
        var today = BureauClock.Today(time);
        var dispositions = new List<Disposition>();
        var problems = new List<string>();
        var rowOf = new Dictionary<long, long>();
        using (var table = SourceTable.Open(file, Map(answers.Options), config.Limits, everySheet: true))
        {
            var idColumn = table.Column(HeaderMap.IdField);
            var resultColumn = table.Column("result");
            var dateColumn = table.Column("date");
            var personColumn = table.Column("idNumber");
            while (table.Read())
            {
                var row = table.Reader.SourceRow;
                var result = table.Reader.GetString(resultColumn).Trim();
                var dateText = dateColumn < 0 ? string.Empty : table.Reader.GetString(dateColumn).Trim();
                if (result.Length == 0 && dateText.Length == 0)
                {
                    continue;
                }

                string At(string field) => Text.Format("FbAt", row, table.ColumnName(field));
                var idText = table.Reader.GetString(idColumn).Trim();
                if (idText.Length > MaxWarningDigits || !long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var warningId))
                {
                    // The cell may hold anything a clerk typed, an ID number included: it is shown masked.
                    problems.Add(Text.Format("FbNotWarningNumber", At(HeaderMap.IdField), DisplayText.Escape(IdNumber.Mask(idText))));
                    continue;
                }

                if (result.Length == 0)
                {
                    problems.Add(Text.Format("FbDateNoResult", At("date"), table.ColumnName("result"), warningId));
                    continue;
                }

                DateOnly? date = null;
                if (dateText.Length > 0)
                {
                    if (!CellParsers.ParseDate(dateText, out var day))
                    {
                        problems.Add(Text.Format("FbNotDate", At("date"), DisplayText.Escape(dateText), warningId));
                        continue;
                    }

                    if (day > today)
                    {
                        problems.Add(Text.Format("FbFuture", At("date"), day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), warningId));
                        continue;
                    }

                    date = day;
                }

                var answer = answers.Find(result);
                if (answer is null)
                {
                    problems.Add(Text.Format("FbNotOffered", At("result"), DisplayText.Escape(result), TextList.Join(answers.Offered.Select(a => a.Text)), warningId));
                    continue;
                }

                if (answer.Outcome == AnswerOutcome.Refused)
                {
                    problems.Add(Text.Format("FbNotAnswer", At("result"), DisplayText.Escape(result), answer.Meaning, warningId));
                    continue;
                }

                rowOf[warningId] = row;
                var idNumber = personColumn < 0 ? null : table.Reader.GetString(personColumn).Trim();
                dispositions.Add(new Disposition(warningId, answer.Text, date, answer.Outcome == AnswerOutcome.Closes, idNumber));
            }
        }

        await using var store = await stores.OpenAsync(cancellationToken);
        var stored = await store.Warnings.RecordDispositionsAsync(receiver, dispositions, access, cancellationToken);
        if (stored.WrongReceiver is { } other)
        {
            var names = config.Rules.Receivers;
            throw new MatchingException(Text.Format("ErrWrongReceiver",
                DisplayText.Escape(file), names.GetValueOrDefault(other, other), other, names.GetValueOrDefault(receiver, receiver), receiver));
        }

        foreach (var id in stored.Unknown)
        {
            problems.Add(Text.Format("FbNotReceivers", rowOf[id], id, receiver));
        }

        foreach (var (id, owner) in stored.Foreign)
        {
            problems.Add(Text.Format("FbOthers", rowOf[id], id, receiver, owner));
        }

        foreach (var id in stored.OtherPerson)
        {
            problems.Add(Text.Format("FbIdChanged", rowOf[id], id));
        }

        foreach (var (id, firstDate, firstRaised) in stored.BeforeRaised)
        {
            var answered = dispositions.Last(d => d.WarningId == id).Date!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            problems.Add(firstRaised is not null && string.CompareOrdinal(answered, firstRaised) >= 0
                ? Text.Format("FbRaisedAgain", rowOf[id], id, firstDate, answered)
                : Text.Format("FbBeforeRaised", rowOf[id], id, answered, firstRaised ?? firstDate));
        }

        return new FeedbackOutcome(receiver, stored, problems);
    }

    /// <summary>The columns read back, by the header names <c>answers.json</c> gives them.</summary>
    private static HeaderMap Map(AnswerOptions options) => new()
    {
        Source = "feedback",
        Label = "returned warning workbook",
        Fields = new Dictionary<string, FieldSpec>(StringComparer.Ordinal)
        {
            [HeaderMap.IdField] = new() { Headers = options.WarningIdHeaders, Required = true },
            ["result"] = new() { Headers = options.ResultHeaders, Required = true },
            ["date"] = new() { Headers = options.DateHeaders },

            // Not required: checked where present, since the identity columns stay editable (sorting needs them unlocked).
            ["idNumber"] = new() { Headers = ["身份证号码", "身份证号"] },
        },
    };
}
