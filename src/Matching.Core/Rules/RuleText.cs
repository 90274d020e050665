using System.Globalization;
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
    public static string Categories(AidCategory categories) =>
        string.Join('、', CategoryNames.Where(c => (categories & c.Category) != 0).Select(c => c.Text));

    public static string Aid(AidType aid) => string.Join('、', AidNames.Where(a => (aid & a.Aid) != 0).Select(a => a.Text));

    /// <summary>An amount in yuan as a clerk reads it: 23,456.78.</summary>
    public static string Yuan(decimal amount) => amount.ToString("#,##0.00", CultureInfo.InvariantCulture);
}
