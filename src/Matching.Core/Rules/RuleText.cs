using System.Globalization;
using Matching.Core.Identity;
using Matching.Core.Population;

namespace Matching.Core.Rules;

/// <summary>The Chinese words warnings are written in: category and aid names, amounts.</summary>
public static class RuleText
{
    private static readonly (AidCategory Category, string Text)[] CategoryNames =
    [
        (AidCategory.Dibao, "低保"), (AidCategory.Tekun, "特困"), (AidCategory.Fanpin, "防止返贫监测"),
        (AidCategory.Bianyuan, "低保边缘"), (AidCategory.Gangxing, "刚性支出困难"), (AidCategory.Other, "其他困难"),
    ];

    private static readonly (AidType Aid, string Text)[] AidNames =
    [
        (AidType.Medical, "医疗救助"), (AidType.Education, "教育救助"), (AidType.Employment, "就业救助"),
        (AidType.Housing, "住房救助"), (AidType.DisabilitySubsidy, "残疾人补贴"), (AidType.Temporary, "临时救助"),
    ];

    /// <summary>低保、特困 …; empty for none.</summary>
    public static string Categories(AidCategory categories) => CategoryTexts[(int)categories & 63];

    public static string Aid(AidType aid) => AidTexts[(int)aid & 63];

    // Six flags each: every combination's words are made once, not once per warning (a run may raise hundreds of thousands).
    private static readonly string[] CategoryTexts =
        [.. Enumerable.Range(0, 64).Select(i => string.Join('、', CategoryNames.Where(c => ((AidCategory)i & c.Category) != 0).Select(c => c.Text)))];

    private static readonly string[] AidTexts =
        [.. Enumerable.Range(0, 64).Select(i => string.Join('、', AidNames.Where(a => ((AidType)i & a.Aid) != 0).Select(a => a.Text)))];

    /// <summary>Why an ID is unusable, in the words a department clerk reads (IdParseResult.Reason is for operators).</summary>
    public static string IdProblem(IdKind kind) => kind switch
    {
        IdKind.Empty => "身份证号为空",
        IdKind.CheckCharWrong => "校验码与前17位不符",
        IdKind.BirthDateInvalid => "出生日期不是有效日期",
        IdKind.ProvinceUnknown => "地区码不存在",
        IdKind.WrongLength => "位数不对",
        IdKind.ForeignCharacters => "含有数字和X以外的字符",
        IdKind.ExcelDamaged => "被Excel存成数字，后几位已丢失，请把该列设为文本后重新导出",
        IdKind.SeventeenDigits => "只有17位：可能是缺校验码的身份证号或旧15位身份证号的残疾人证号，按姓名未能确认",
        _ => "无法识别",
    };

    /// <summary>
    /// A configured label as words inside a sentence: the space that separates a department from its list in a label
    /// (教育体育 在校学生) is dropped, so a detail reads 见于教育体育在校学生 without a stray space.
    /// </summary>
    public static string Words(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        return string.Concat(label.Where(c => !char.IsWhiteSpace(c)));
    }

    /// <summary>An amount in yuan as a clerk reads it: 23,456.78.</summary>
    public static string Yuan(decimal amount) => amount.ToString("#,##0.00", CultureInfo.InvariantCulture);
}
