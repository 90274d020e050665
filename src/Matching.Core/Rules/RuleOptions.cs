using System.Globalization;
using System.Text.Json.Serialization;
using Matching.Core.Localization;
using Matching.Core.Population;

namespace Matching.Core.Rules;

/// <summary>
/// One warning rule as configured (<c>rules.json</c>): its code, Chinese label and suggested measure (建议措施), the
/// receiver, the shape it takes, and that shape's parameters. Parameters a shape does not use are ignored.
/// </summary>
public sealed record RuleOptions
{
    /// <summary>The warning code (CONTRACT.md), e.g. <c>EDU_AID_GAP</c>.</summary>
    public string Code { get; init; } = string.Empty;

    /// <summary>预警类型: the Chinese label shown in workbooks.</summary>
    public string Label { get; init; } = string.Empty;

    /// <summary>建议措施: the suggested measure shown in workbooks.</summary>
    public string Measure { get; init; } = string.Empty;

    /// <summary>Receiver code (<c>civil-affairs</c>, <c>education</c> …) or <see cref="SourceReceiver"/>.</summary>
    public string Receiver { get; init; } = string.Empty;

    /// <summary>The shape's name as written (<c>matched_record</c> …: <see cref="RuleShapeText.All"/>).</summary>
    [JsonPropertyName("shape")]
    public string ShapeText
    {
        get => _shapeText;
        init
        {
            _shapeText = value ?? string.Empty;
            _shape = RuleShapeText.TryParse(_shapeText, out var shape) ? shape : null;
        }
    }

    private readonly string _shapeText = string.Empty;
    private readonly RuleShape? _shape;

    /// <summary>
    /// The shape <see cref="ShapeText"/> names, read once when set (the run asks for it on every record); null for a
    /// name that is none (<see cref="Problems"/> reports it).
    /// </summary>
    [JsonIgnore]
    public RuleShape? Shape
    {
        get => _shape;
        init
        {
            _shape = value;
            _shapeText = value?.Text() ?? string.Empty;
        }
    }

    /// <summary>Department codes whose records the rule reads (record and spending shapes; empty = every department for the ID shapes).</summary>
    public IReadOnlyList<string> Departments { get; init; } = [];

    /// <summary>Low-income category codes the rule covers (<c>dibao</c>, <c>tekun</c> …); empty = any category.</summary>
    public IReadOnlyList<string> Categories
    {
        get;
        init
        {
            field = value ?? [];
            CategoryFlags = Codes.ParseCategories(string.Join(',', field));
        }
    } = [];

    /// <summary>The aid code whose absence makes the warning (<c>education</c>, <c>medical</c> …); empty = no aid condition.</summary>
    public string LacksAid
    {
        get;
        init
        {
            field = value ?? string.Empty;
            LacksAidType = Codes.AidOf(field);
        }
    } = string.Empty;

    /// <summary>The categories as flags (None = any), parsed once when <see cref="Categories"/> is set.</summary>
    [JsonIgnore]
    public AidCategory CategoryFlags { get; private init; }

    /// <summary>The aid of <see cref="LacksAid"/> as a flag (None when no aid condition, or an unknown code), parsed once when set.</summary>
    [JsonIgnore]
    public AidType LacksAidType { get; private init; }

    /// <summary>A flag field of the record that must read yes (e.g. <c>hardship</c>, 是否家庭经济困难); empty = none.</summary>
    public string RecordFlag { get; init; } = string.Empty;

    /// <summary>
    /// Record shapes: fields whose value must be one of the listed values, e.g. <c>{"grade": ["1", "2"]}</c> for
    /// severe disability (残疾等级 一级/二级, by their canonical codes: a code field is compared by code); empty = none.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> RecordValues { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Spending shapes: the amount field summed (e.g. <c>selfPaid</c>).</summary>
    public string AmountField { get; init; } = string.Empty;

    /// <summary>Spending shapes: the date field that places a record in the window (e.g. <c>visitDate</c>).</summary>
    public string DateField { get; init; } = string.Empty;

    /// <summary>Spending shapes: the window, in months before the run date. <value>Default 12.</value></summary>
    public int Months { get; init; } = 12;

    /// <summary><see cref="RuleShape.Spending"/>: the total a person's spending must exceed (超过) to raise the warning, in yuan.</summary>
    public decimal Threshold { get; init; }

    /// <summary><see cref="RuleShape.Spending"/>: true for low-income members, false for persons not in the database.</summary>
    public bool Covered { get; init; } = true;

    /// <summary><see cref="RuleShape.HouseholdSpending"/>: the share of annual income that spending must reach. <value>Default 0.5.</value></summary>
    public decimal Ratio { get; init; } = 0.5m;

    /// <summary>
    /// <see cref="RuleShape.Housing"/>: tekun members count only under this support mode, its canonical code as the
    /// low-income import stores it (<c>分散</c>: 分散供养 and 分散 alike); empty = any.
    /// </summary>
    public string TekunSupport { get; init; } = string.Empty;

    /// <summary><see cref="RuleShape.Housing"/>: the measure for a household in a subdistrict (街道); default <see cref="Measure"/>.</summary>
    public string MeasureInSubdistrict { get; init; } = string.Empty;

    /// <summary><see cref="RuleShape.Housing"/>: the measure for a household in a town (镇); default <see cref="Measure"/>.</summary>
    public string MeasureInTown { get; init; } = string.Empty;

    /// <summary><see cref="RuleShape.DuplicateAid"/>: pairs of category codes a person cannot hold at once.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Exclusive { get; init; } = [];

    /// <summary><see cref="RuleShape.ComplexCase"/>: distinct codes in one household that make it complex. <value>Default 3.</value></summary>
    public int MinCodes { get; init; } = 3;

    /// <summary>The receiver that means "the department the record came from" (its own receiver).</summary>
    public const string SourceReceiver = "source";

    /// <summary>Every problem with this rule, each naming the setting.</summary>
    public IEnumerable<string> Problems(int index)
    {
        var at = string.Create(CultureInfo.InvariantCulture, $"rules[{index}]");
        if (string.IsNullOrWhiteSpace(Code))
        {
            yield return Text.Format("RuleCodeEmpty", at);
        }

        at = $"{at} ({Code})";
        if (Shape is null)
        {
            yield return Text.Format("RuleShapeUnknown", at, ShapeText, TextList.Join(RuleShapeText.All));
        }

        if (string.IsNullOrWhiteSpace(Label) || string.IsNullOrWhiteSpace(Receiver))
        {
            yield return Text.Format("RuleLabelReceiverRequired", at);
        }

        foreach (var category in Categories.Concat(Exclusive.SelectMany(p => p)))
        {
            if (Codes.CategoryOf(category) == AidCategory.None)
            {
                yield return Text.Format("RuleCategoryUnknown", at, category, TextList.Join(Codes.Categories.Select(c => c.Code)));
            }
        }

        if (LacksAid.Length > 0 && LacksAidType == AidType.None)
        {
            yield return Text.Format("RuleAidUnknown", at, LacksAid, TextList.Join(Codes.Aid.Select(c => c.Code)));
        }

        if ((Shape is RuleShape.MatchedRecord or RuleShape.UnmatchedRecord or RuleShape.Spending or RuleShape.HouseholdSpending) && Departments.Count == 0)
        {
            yield return Text.Format("RuleDepartmentsEmpty", at);
        }

        if (Shape is RuleShape.Spending or RuleShape.HouseholdSpending)
        {
            if (AmountField.Length == 0)
            {
                yield return Text.Format("RuleAmountFieldEmpty", at);
            }

            if (Months is < 1 or > 120)
            {
                yield return Text.Format("RuleMonthsRange", at);
            }
        }

        if (Shape == RuleShape.Spending && Threshold <= 0)
        {
            yield return Text.Format("RuleThresholdPositive", at);
        }

        if (Shape == RuleShape.HouseholdSpending && Ratio is <= 0 or > 10)
        {
            yield return Text.Format("RuleRatioPositive", at);
        }

        if (Shape == RuleShape.DuplicateAid && Exclusive.Any(p => p.Count != 2))
        {
            yield return Text.Format("RuleExclusivePairs", at);
        }

        if (Shape == RuleShape.ComplexCase && MinCodes < 2)
        {
            yield return Text.Format("RuleMinCodes", at);
        }
    }
}
