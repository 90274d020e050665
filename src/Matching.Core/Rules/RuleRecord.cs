using Matching.Core.Departments;
using Matching.Core.Identity;
using Matching.Core.Linkage;

namespace Matching.Core.Rules;

/// <summary>A department record as the rules see it: where it came from, what it says, and how it matched.</summary>
/// <param name="Department">Department code (<c>education</c> …).</param>
/// <param name="BatchId">The import batch it belongs to.</param>
/// <param name="SourceRow">The row number a spreadsheet shows.</param>
/// <param name="RawId">The ID cell as typed.</param>
/// <param name="Name">The name cell.</param>
/// <param name="Match">How it matched the low-income population of the run.</param>
/// <param name="Values">The department's typed fields, laid out by <paramref name="Layout"/>.</param>
/// <param name="Layout">Where each field sits in <paramref name="Values"/> (the department's current layout).</param>
public sealed record RuleRecord(
    string Department, long BatchId, long SourceRow, string RawId, string Name, MatchResult Match, RecordValues Values, RecordLayout Layout)
{
    /// <summary>
    /// The date its file was received (imported), for a ledger's events: an event without a date of its own counts
    /// in a window while its file does. Null for a snapshot's records, which count whatever their date.
    /// </summary>
    public DateOnly? Received { get; init; }

    /// <summary>
    /// The ID cell as typed. A record stored by its exact ID (<see cref="Matched"/>) is given none: its ID is made when
    /// first asked for, which the rules seldom do (a member's warning shows the population's ID), rather than for
    /// each of a million records (1M-row school list: 1M strings of 18 characters).
    /// </summary>
    public string RawId
    {
        get => field ??= Match.Parsed.Id.Value;
        init;
    } = RawId;

    /// <summary>The ID as the warning shows it: canonical where the cell reads as a valid ID, else the cell trimmed.</summary>
    public string IdText => Match.Parsed.IsValid ? Match.Parsed.Id.Value : RawId.Trim();

    /// <summary>
    /// A stored department record matched as a run matches it: an ID stored exact (<paramref name="rawId"/> null) is
    /// taken from its <paramref name="idKey"/> as it stands, anything else parsed again from the cell as typed (so
    /// repairs are named as they were); then name and birth date as <paramref name="matcher"/> weighs them. A ledger's
    /// record carries the day its file was <paramref name="received"/>.
    /// </summary>
    public static RuleRecord Matched(Matcher matcher, RuleDepartment department, long batchId, long sourceRow,
        string? rawId, long? idKey, string name, string birthDate, RecordValues values, DateOnly? received = null)
    {
        ArgumentNullException.ThrowIfNull(matcher);
        ArgumentNullException.ThrowIfNull(department);
        IdParseResult parsed;
        if (rawId is null && idKey is { } key)
        {
            parsed = new IdParseResult(IdKind.Valid18, IdNumber.FromKey(key), IdRepairs.None, IdNumber.Length);
        }
        else
        {
            rawId ??= string.Empty;
            parsed = IdParser.Parse(rawId);
        }

        // A valid ID is matched by its key, not by the cell.
        var result = matcher.Match(in parsed, rawId, name, birthDate);
        return new RuleRecord(department.Code, batchId, sourceRow, rawId!, name, result, values, department.Layout) { Received = received };
    }

    /// <summary>The ID named a database member whose name disagrees.</summary>
    public bool IsNameMismatch => Match.Miss == MatchMiss.NameMismatch;

    /// <summary>A valid ID that is no low-income person (not a name mismatch): someone the database does not cover.</summary>
    public bool IsStranger => Match.Status == MatchStatus.Unmatched && Match.Parsed.IsValid && !IsNameMismatch;

    /// <summary>
    /// Whether the record meets the rule's record conditions: its flag set, its listed fields among the listed values
    /// (a code field's canonical code among the listed codes).
    /// </summary>
    public bool Meets(RuleOptions rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (!Flag(rule.RecordFlag))
        {
            return false;
        }

        foreach (var (field, values) in rule.RecordValues)
        {
            if (Text(field) is not { } value || !values.Contains(value.Trim(), StringComparer.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the yes/no field reads yes (always true for no field).</summary>
    public bool Flag(string field) =>
        field.Length == 0 || (Layout.TryGet(field, out var f) && f.Type == FieldType.Flag && Values.Flag(f.Slot) == true);

    /// <summary>A text field's value (a code field's canonical code), or null when the record has none.</summary>
    public string? Text(string field) =>
        Layout.TryGet(field, out var f) && f.Type is FieldType.Text or FieldType.Code ? Values.Text(f.Slot) : null;

    /// <summary>An amount field's value in yuan, or null.</summary>
    public decimal? Yuan(string field) =>
        Layout.TryGet(field, out var f) && f.Type == FieldType.Amount && Values.Fen(f.Slot) is { } fen ? Fen.ToYuan(fen) : null;

    /// <summary>An amount field's value in fen, or null.</summary>
    public long? AmountFen(string field) =>
        Layout.TryGet(field, out var f) && f.Type == FieldType.Amount ? Values.Fen(f.Slot) : null;

    /// <summary>A date field's value, or null.</summary>
    public DateOnly? Date(string field) =>
        Layout.TryGet(field, out var f) && f.Type == FieldType.Date ? Values.Date(f.Slot) : null;
}
