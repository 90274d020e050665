using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Matching.Ingest.Coverage;

/// <summary>
/// A field an enabled rule needs that an imported file lacks (no column) or mostly leaves empty, so that the rule cannot
/// fire, or not fully, on what the file brought. Found while the file is read (<see cref="RuleCoverage"/>), printed by
/// the import, stored with the batch (<see cref="ToJson"/>), and repeated by <c>run</c>, <c>status</c>, the worker's log
/// and the overview's 汇总 for as long as the batch is in use. Says nothing about persons: column names and counts only.
/// </summary>
public sealed record RuleGap
{
    /// <value>The header map's field name (<c>income</c>).</value>
    public required string Field { get; init; }

    /// <value>The column as the file spells it, or, when it is missing, the first name configured for it.</value>
    public required string Column { get; init; }

    /// <value>The names the column was looked for by (its configured headers), for a missing column.</value>
    public IReadOnlyList<string> LookedFor { get; init; } = [];

    public required RuleGapKind Kind { get; init; }

    /// <value>What the rule does with the field.</value>
    public required RuleInputRole Role { get; init; }

    /// <value>The rule's code (<c>RIGID_SPENDING</c>).</value>
    public required string Rule { get; init; }

    /// <value>The rule's Chinese label (刚性支出困难…).</value>
    public string RuleLabel { get; init; } = string.Empty;

    /// <value>Whether the file is the low-income population (else a department's extract).</value>
    public bool Population { get; init; }

    /// <value>For <see cref="RuleGapKind.MostlyEmpty"/>: cells counted, and how many were empty, in <see cref="Unit"/>.</value>
    public long Counted { get; init; }

    public long Empty { get; init; }

    public FillUnit Unit { get; init; }

    /// <value>The <c>ingest:maxEmptyShare</c> the file was held to.</value>
    public double MaxEmptyShare { get; init; }

    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// One line for operators in their language (<see cref="CultureInfo.CurrentUICulture"/>, as the messages choose
    /// theirs): <see cref="DescribeChinese"/>, or in English <c>家庭年收入: column not found (looked for 家庭年收入, 年收入);
    /// RIGID_SPENDING will not fire for this population</c>.
    /// </summary>
    public string Describe() => IsEnglish ? DescribeEnglish() : DescribeChinese();

    /// <summary>Whether operators are spoken to in English (<c>--lang en</c>); Chinese, the neutral language, otherwise.</summary>
    internal static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    private string DescribeEnglish()
    {
        var what = Kind == RuleGapKind.ColumnMissing
            ? $"{Column}: column not found (looked for {string.Join(", ", LookedFor)})"
            : string.Create(CultureInfo.InvariantCulture,
                $"{Column}: empty in {Empty} of {Counted} {UnitText} (more than ingest:maxEmptyShare, {MaxEmptyShare:0.##})");
        var effect = (Kind, Role) switch
        {
            (RuleGapKind.ColumnMissing, RuleInputRole.Needed) => Population ? "will not fire for this population" : "will not fire for this file's rows",
            (RuleGapKind.MostlyEmpty, RuleInputRole.Needed) => $"will not fire for those {UnitText}",
            (_, RuleInputRole.TekunSupport) => "will not count tekun members whose support mode (特困供养方式) is not known",
            _ => "cannot place those rows in its window by this date",
        };
        return $"{what}; {Rule} {effect}";
    }

    /// <summary>The line in Chinese, whatever the operator's language: for the overview workbook's 汇总.</summary>
    public string DescribeChinese()
    {
        var what = Kind == RuleGapKind.ColumnMissing
            ? $"{Column}：文件中没有该列（按 {string.Join("、", LookedFor)} 查找）"
            : string.Create(CultureInfo.InvariantCulture, $"{Column}：{Counted}{UnitChinese}中{Empty}个为空（超过 ingest:maxEmptyShare {MaxEmptyShare:0.##}）");
        var rule = RuleLabel.Length > 0 ? $"{Rule}（{RuleLabel}）" : Rule;
        var effect = (Kind, Role) switch
        {
            (RuleGapKind.ColumnMissing, RuleInputRole.Needed) => Population ? "对本批低收入人口不会触发" : "对本批数据不会触发",
            (RuleGapKind.MostlyEmpty, RuleInputRole.Needed) => $"对这些{UnitChinese}不会触发",
            (_, RuleInputRole.TekunSupport) => "不计入供养方式不明的特困人员",
            _ => "无法按该日期判断这些行是否在统计期内",
        };
        return $"{what}，{rule}{effect}";
    }

    private string UnitText => Unit switch
    {
        FillUnit.Households => "households",
        FillUnit.TekunMembers => "tekun members",
        _ => "rows",
    };

    private string UnitChinese => Unit switch
    {
        FillUnit.Households => "户",
        FillUnit.TekunMembers => "名特困人员",
        _ => "行",
    };

    /// <summary>The stored form of a batch's gaps (JSON), or null when there are none.</summary>
    public static string? ToJson(IReadOnlyList<RuleGap> gaps)
    {
        ArgumentNullException.ThrowIfNull(gaps);
        return gaps.Count == 0 ? null : JsonSerializer.Serialize(gaps, Json);
    }

    /// <summary>A batch's gaps read back; none for null or text that does not read (a batch stored before them).</summary>
    public static IReadOnlyList<RuleGap> FromJson(string? stored)
    {
        if (string.IsNullOrWhiteSpace(stored))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<RuleGap>>(stored, Json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
