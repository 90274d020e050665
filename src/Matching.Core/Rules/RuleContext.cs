using Matching.Core.Population;

namespace Matching.Core.Rules;

/// <summary>One run's facts, shared by the rule shapes, with the helpers that turn a fact into a warning.</summary>
internal sealed class RuleContext(RulePopulation population, DateOnly asOf, IReadOnlyDictionary<string, RuleDepartment> departments)
{
    public RulePopulation Population { get; } = population;
    public DateOnly AsOf { get; } = asOf;

    /// <summary>Whether <paramref name="rule"/> reads records of <paramref name="department"/>.</summary>
    public static bool Reads(RuleOptions rule, string department) =>
        rule.Departments.Count == 0 || rule.Departments.Contains(department, StringComparer.Ordinal);

    /// <summary>
    /// Whether a record falls in the rule's window: the <see cref="RuleOptions.Months"/> months ending on the run
    /// date, by the rule's date field, else (a ledger's undated event) by the day its file was received. A rule
    /// without a date field, and an undated record of a snapshot, are always in.
    /// </summary>
    public bool InWindow(RuleOptions rule, RuleRecord record)
    {
        if (rule.DateField.Length == 0 || (record.Date(rule.DateField) ?? record.Received) is not { } date)
        {
            return true;
        }

        return date <= AsOf && date > AsOf.AddMonths(-rule.Months);
    }

    /// <summary>
    /// A department's label as a warning's facts say it (<see cref="RuleText.Words"/>), made once per run rather than
    /// for each warning (a run of the 1M-row school list made it 280k times: 0.08 s of the judging core's 2.2 s).
    /// </summary>
    public string DepartmentLabel(string department)
    {
        if (!_labels.TryGetValue(department, out var label))
        {
            _labels[department] = label = departments.TryGetValue(department, out var d) ? RuleText.Words(d.Label) : department;
        }

        return label;
    }

    private readonly Dictionary<string, string> _labels = new(StringComparer.Ordinal);

    public string FieldName(string department, string field) =>
        departments.TryGetValue(department, out var d) ? d.FieldName(field) : field;

    /// <summary>A record field's value as a warning shows it (a code by its word).</summary>
    public string ValueText(string department, string field, string value) =>
        departments.TryGetValue(department, out var d) ? d.ValueText(field, value) : value;

    /// <summary>The receiver of a rule's warning for a record of <paramref name="department"/>.</summary>
    public string Receiver(RuleOptions rule, string department) => rule.Receiver != RuleOptions.SourceReceiver
        ? rule.Receiver
        : departments.TryGetValue(department, out var d) ? d.Receiver : department;

    private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);

    /// <summary>
    /// One string per distinct text: a record rule's details repeat ("低保人员，见于教育体育 在校学生，未享受教育救助")
    /// across hundreds of thousands of warnings, which then share it.
    /// </summary>
    public string Shared(string text)
    {
        if (_texts.TryGetValue(text, out var known))
        {
            return known;
        }

        if (_texts.Count < 100_000)
        {
            _texts[text] = text;
        }

        return text;
    }

    /// <summary>Whether a member falls under the rule's categories (any category when the rule names none).</summary>
    public static bool Covers(RuleOptions rule, AidCategory categories)
    {
        var wanted = rule.CategoryFlags;
        return wanted == AidCategory.None ? categories != AidCategory.None : (categories & wanted) != 0;
    }

    /// <summary>Whether a household lacks the rule's aid (always, when the rule names none).</summary>
    public static bool Lacks(RuleOptions rule, Household household) =>
        rule.LacksAid.Length == 0 || (household.Aid & rule.LacksAidType) == 0;

    /// <summary>A warning about low-income person <paramref name="person"/>.</summary>
    public Warning ForMember(RuleOptions rule, int person, string receiver, string source, string detail, RuleRecord? record = null,
        string? measure = null) =>
        ForMember(rule, person, receiver, source, detail, record is null ? null : RecordRef.Of(record), measure);

    /// <summary>A warning about low-income person <paramref name="person"/>, found through the record <paramref name="first"/> refers to.</summary>
    public Warning ForMember(RuleOptions rule, int person, string receiver, string source, string detail, RecordRef? first, string? measure = null)
    {
        var member = Population.Member(person);
        var household = Population.HouseholdOf(person);
        var id = member.Id.Value;
        return new Warning
        {
            Code = rule.Code,
            Label = rule.Label,
            Measure = measure ?? rule.Measure,
            Receiver = receiver,
            Subject = id,
            IdText = id,
            Name = member.Name,
            HouseholdId = member.HouseholdId,
            Subdistrict = household.Subdistrict,
            Village = household.Village,
            Categories = RuleText.Categories(member.Categories),
            Department = source,
            Method = first is { } f ? Linkage.MatchText.Of(f.Method) : string.Empty,
            Detail = detail,
            BatchId = first?.BatchId,
            SourceRow = first?.SourceRow,
        };
    }

    /// <summary>A warning about the person a record names, who is not (or not surely) a low-income person.</summary>
    public static Warning ForRecord(RuleOptions rule, RuleRecord record, string receiver, string subject, string detail) => new()
    {
        Code = rule.Code,
        Label = rule.Label,
        Measure = rule.Measure,
        Receiver = receiver,
        Subject = subject,
        IdText = record.IdText,
        Name = record.Name,
        Department = record.Department,
        Detail = detail,
        BatchId = record.BatchId,
        SourceRow = record.SourceRow,
    };

    /// <summary>What the aid part of a detail says: "未享受教育救助", or nothing when the rule names no aid.</summary>
    public static string LacksText(RuleOptions rule) =>
        rule.LacksAid.Length == 0 ? string.Empty : "，未享受" + RuleText.Aid(rule.LacksAidType);
}
