using System.Globalization;
using Matching.Samples.Population;

namespace Matching.Samples.Extracts;

/// <summary>
/// 民政/公安 死亡登记: deaths registered in the last twelve months, mostly old people. About a third are members of
/// low-income households who are still listed in lowincome.csv (the database has not caught up yet: DEATH_REVIEW);
/// the rest are strangers. Real registers carry the birth date next to the ID.
/// </summary>
internal static class DeathExtract
{
    public const string Department = "death";
    private static readonly string[] Header = ["姓名", "身份证号", "出生日期", "死亡日期", "死亡原因"];

    /// <summary>Share of rows whose subject is a low-income member (about 20 of 60).</summary>
    private const double MemberShare = 1 / 3.0;

    /// <summary>Share of those members drawn from the old (60 and over).</summary>
    private const double ElderlyShare = 0.85;

    private static readonly string[] IllnessCauses = ["恶性肿瘤", "脑血管疾病", "心脏病", "慢性呼吸系统疾病", "肾功能衰竭"];
    private static readonly string[] OldAgeCauses = ["自然死亡（衰老）", "脑血管疾病", "心脏病", "慢性呼吸系统疾病", "恶性肿瘤"];
    private static readonly string[] OtherCauses = ["交通事故", "意外伤害", "恶性肿瘤", "心脏病", "溺水"];

    private static bool IsAdult(Person p) => p.Age >= 18;

    public static ExtractFile Build(ExtractContext ctx)
    {
        var rng = ctx.Rng;
        var total = ctx.Scaled(60);
        var rows = new List<ExtractRow>(total);
        foreach (var person in ctx.PickLowIncome((int)Math.Round(total * MemberShare), IsAdult, p => p.Age >= 60, ElderlyShare))
        {
            rows.Add(new ExtractRow(person, Details(person, rng)));
        }

        while (rows.Count < total)
        {
            var person = rng.Chance(0.8) ? ctx.Strangers.Create(rng, 60, 98) : ctx.Strangers.Create(rng, 18, 59);
            rows.Add(new ExtractRow(person, Details(person, rng)));
        }

        ctx.Finish(rows, IsAdult);
        return new ExtractFile(Department, Title: null, Header, Gb18030: false, rows);
    }

    private static string[] Details(Person person, Random rng)
    {
        var died = rng.Date(SampleDates.YearAgo, SampleDates.Reference.AddDays(-3));
        var causes = person.SeriousIllness ? IllnessCauses : person.Age >= 75 ? OldAgeCauses : OtherCauses;
        return
        [
            person.Birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            died.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            rng.Pick(causes),
        ];
    }
}
