using Matching.Core.Linkage;

namespace Matching.Core.Rules;

/// <summary>
/// A warning a record shape found, kept small until the run's end (a city's run finds hundreds of thousands): a
/// low-income member's as the person's number and what the warning keeps of the record, its ID, name, household and
/// place made into text from the population only when the warning is given out (<see cref="ToWarning"/>); anyone
/// else's as the warning itself.
/// </summary>
internal readonly struct RecordFinding
{
    private readonly Warning? _other;
    private readonly string _receiver;
    private readonly string _department;
    private readonly string _detail;
    private readonly long _batchId;
    private readonly long _sourceRow;
    private readonly int _person;
    private readonly MatchMethod _method;

    private RecordFinding(Warning? other, string receiver, string department, string detail, long batchId, long sourceRow, int person, MatchMethod method)
    {
        _other = other;
        _receiver = receiver;
        _department = department;
        _detail = detail;
        _batchId = batchId;
        _sourceRow = sourceRow;
        _person = person;
        _method = method;
    }

    /// <summary>A warning about low-income person <paramref name="person"/>, raised by <paramref name="record"/>.</summary>
    public static RecordFinding ForMember(int person, string receiver, RuleRecord record, string detail) =>
        new(null, receiver, record.Department, detail, record.BatchId, record.SourceRow, person, record.Match.Method);

    /// <summary>A warning about someone else, whole.</summary>
    public static RecordFinding Of(Warning warning) =>
        new(warning, warning.Receiver, warning.Department, warning.Detail, warning.BatchId ?? 0, warning.SourceRow ?? 0, -1, MatchMethod.None);

    /// <summary>The low-income person the warning is about, or null for anyone else.</summary>
    public int? Person => _other is null ? _person : null;

    public string Receiver => _receiver;

    /// <summary>The subject of a warning about someone else (a member's is the person's ID).</summary>
    public string? OtherSubject => _other?.Subject;

    /// <summary>The warning itself (<see cref="RuleContext.ForMember(RuleOptions, int, string, string, string, RecordRef?, string?)"/> for a member's).</summary>
    public Warning ToWarning(RuleOptions rule, RuleContext context) =>
        _other ?? context.ForMember(rule, _person, _receiver, _department, _detail, new RecordRef(_department, _batchId, _sourceRow, _method, string.Empty));
}
