using System.Globalization;
using Matching.Core.Population;
using Matching.Samples.Damage;
using Matching.Samples.Population;

namespace Matching.Samples.Extracts;

/// <summary>
/// 教育体育: the students of the autumn term, ages 6-22, plus a few adult-education students (成人继续教育),
/// whose older IDs can still be written in the old 15-digit form.
/// </summary>
internal static class EducationExtract
{
    public const string Department = "education";
    private const string Title = "济源示范区2026年秋季学期在校学生名单";
    private static readonly string[] Header = ["姓名", "身份证号", "学校", "年级", "是否家庭经济困难"];

    private static readonly DateOnly TermStart = new(2026, 8, 31);
    private static readonly string[] Primary = ["一年级", "二年级", "三年级", "四年级", "五年级", "六年级"];
    private static readonly string[] Middle = ["七年级", "八年级", "九年级"];
    private static readonly string[] High = ["高一", "高二", "高三"];
    private static readonly string[] CityPrimary = ["济源市实验小学", "济源市第一小学", "济源市沁园小学", "济源市济水小学", "济源市北海小学"];
    private static readonly string[] CityMiddle = ["济源市实验中学", "济源市第二中学", "济源市第五中学", "济源市天坛中学"];
    private static readonly string[] HighSchools = ["济源市第一中学", "济源市第二中学", "济源市第四中学", "济源市高级中学", "济源市职业教育中心"];
    private static readonly string[] Universities = ["济源职业技术学院", "河南理工大学", "郑州大学", "河南大学", "河南师范大学", "焦作大学", "河南科技大学"];

    private static bool IsStudentAge(Person p) => p.Age is >= 6 and <= 22;

    public static ExtractFile Build(ExtractContext ctx)
    {
        var rng = ctx.Rng;
        var total = ctx.Scaled(800);
        var rows = new List<ExtractRow>(total);
        foreach (var typo in ctx.TwinTyposFor(Department))
        {
            // Both twins are at school: the clean row of one, the typo row of the other.
            ctx.Use(typo.Twin);
            rows.Add(new ExtractRow(typo.Twin, Details(typo.Twin, rng)) { Damage = DamageKind.TwinTypo, Typo = typo });
            if (ctx.Use(typo.Twin.Twin!))
            {
                rows.Add(new ExtractRow(typo.Twin.Twin!, Details(typo.Twin.Twin!, rng)));
            }
        }

        var lowIncome = (int)Math.Round(total * ExtractContext.LowIncomeShare) - rows.Count;
        var adults = Math.Max(1, lowIncome / 60);
        var members = ctx.PickLowIncome(lowIncome - adults, IsStudentAge);
        members.AddRange(ctx.PickLowIncome(adults, p => p.Age is >= 23 and <= 45));
        foreach (var person in members)
        {
            rows.Add(new ExtractRow(person, Details(person, rng)));
        }

        var strangers = total - rows.Count;
        var adultStrangers = Math.Max(3, strangers / 50);
        for (var i = 0; i < strangers; i++)
        {
            var person = i < adultStrangers
                ? ctx.Strangers.Create(rng, 27, 42, oldRegion: i < 2 || rng.Chance(0.3))
                : ctx.Strangers.Create(rng, 6, 22);
            rows.Add(new ExtractRow(person, Details(person, rng)));
        }

        ctx.Finish(rows, IsStudentAge);
        return new ExtractFile(Department, Title, Header, Gb18030: false, rows);
    }

    private static string[] Details(Person person, Random rng)
    {
        var area = person.Household?.Area ?? Places.RandomArea(rng);
        var (school, grade) = SchoolAndGrade(person, area, rng);
        var hardship = rng.Chance(person.Household is null ? 0.08 : 0.75) ? "是" : "否";
        return [school, grade, hardship];
    }

    private static (string School, string Grade) SchoolAndGrade(Person person, string area, Random rng)
    {
        var age = Math.Max(6, SampleDates.AgeOn(person.Birth, TermStart));
        var city = !Areas.IsTown(area);
        return age switch
        {
            <= 11 => (city ? rng.Pick(CityPrimary) : area + "中心小学", Primary[age - 6]),
            <= 14 => (city ? rng.Pick(CityMiddle) : area + "第一初级中学", Middle[age - 12]),
            <= 17 => (rng.Pick(HighSchools), High[age - 15]),
            <= 22 => (rng.Pick(Universities), Cohort(2026 - Math.Min(age - 18, 3))),
            _ => ("济源职业技术学院（继续教育学院）", Cohort(rng.Next(2024, 2027))),
        };
    }

    private static string Cohort(int year) => year.ToString(CultureInfo.InvariantCulture) + "级";
}
