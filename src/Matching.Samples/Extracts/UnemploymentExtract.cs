using System.Globalization;
using Matching.Samples.Population;

namespace Matching.Samples.Extracts;

/// <summary>人力资源和社会保障: registered unemployed adults (失业登记), exported as GB18030 without a BOM.</summary>
internal static class UnemploymentExtract
{
    public const string Department = "unemployment";
    private static readonly string[] Header = ["姓名", "公民身份号码", "登记日期", "经办机构"];
    private static readonly DateOnly FirstRegistration = new(2024, 12, 1);

    private static bool IsWorkingAge(Person p) => p.Age is >= 18 and <= 59;

    public static ExtractFile Build(ExtractContext ctx)
    {
        var rng = ctx.Rng;
        var total = ctx.Scaled(500);
        var rows = new List<ExtractRow>(total);
        foreach (var person in ctx.PickLowIncome((int)Math.Round(total * ExtractContext.LowIncomeShare), IsWorkingAge))
        {
            rows.Add(new ExtractRow(person, Details(person, rng)));
        }

        while (rows.Count < total)
        {
            var person = ctx.Strangers.Create(rng, 18, 59);
            rows.Add(new ExtractRow(person, Details(person, rng)));
        }

        ctx.Finish(rows, IsWorkingAge);
        return new ExtractFile(Department, Title: null, Header, Gb18030: true, rows);
    }

    private static string[] Details(Person person, Random rng)
    {
        var registered = rng.Date(FirstRegistration, SampleDates.Reference.AddDays(-7));
        var area = person.Household?.Area ?? Places.RandomArea(rng);
        var office = rng.Chance(0.35) ? "济源示范区公共就业服务中心" : area + "劳动保障事务所";
        return [registered.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), office];
    }
}
