using System.Globalization;
using Matching.Samples.Damage;
using Matching.Samples.Population;

namespace Matching.Samples.Extracts;

/// <summary>卫生健康: patients with serious illnesses (重特大疾病); the register mostly agrees with 是否重病.</summary>
internal static class IllnessExtract
{
    public const string Department = "illness";
    private const string Title = "济源示范区重特大疾病患者登记表（截至2026年11月）";
    private static readonly string[] Header = ["患者姓名", "身份证件号", "疾病名称", "确诊日期"];
    private static readonly DateOnly FirstDiagnosis = new(2020, 1, 1);

    private static readonly string[] AdultDiseases =
    [
        "恶性肿瘤（肺癌）", "恶性肿瘤（胃癌）", "恶性肿瘤（肝癌）", "恶性肿瘤（乳腺癌）", "恶性肿瘤（食管癌）", "尿毒症",
        "慢性肾功能衰竭", "白血病", "再生障碍性贫血", "重性精神病", "脑梗死后遗症", "慢性心力衰竭", "肝硬化失代偿期",
        "耐多药肺结核", "系统性红斑狼疮", "帕金森病",
    ];

    private static readonly string[] ChildDiseases = ["白血病", "先天性心脏病", "再生障碍性贫血", "血友病", "儿童苯丙酮尿症"];

    /// <summary>Builds the extract; the strangers it made go to <paramref name="patients"/> for the medical bills.</summary>
    public static ExtractFile Build(ExtractContext ctx, List<Person> patients)
    {
        var rng = ctx.Rng;
        var total = ctx.Scaled(500);
        var rows = new List<ExtractRow>(total);
        foreach (var typo in ctx.TwinTyposFor(Department))
        {
            ctx.Use(typo.Twin);
            rows.Add(new ExtractRow(typo.Twin, Details(typo.Twin, rng)) { Damage = DamageKind.TwinTypo, Typo = typo });
        }

        var lowIncome = (int)Math.Round(total * ExtractContext.LowIncomeShare) - rows.Count;
        foreach (var person in ctx.PickLowIncome(lowIncome, _ => true, p => p.SeriousIllness, 0.6))
        {
            rows.Add(new ExtractRow(person, Details(person, rng)));
        }

        while (rows.Count < total)
        {
            var person = ctx.Strangers.CreatePatient(rng);
            patients.Add(person);
            rows.Add(new ExtractRow(person, Details(person, rng)));
        }

        ctx.Finish(rows, _ => true);
        return new ExtractFile(Department, Title, Header, Gb18030: false, rows);
    }

    private static string[] Details(Person person, Random rng)
    {
        var disease = rng.Pick(person.Age < 14 ? ChildDiseases : AdultDiseases);
        var from = person.Birth > FirstDiagnosis ? person.Birth : FirstDiagnosis;
        var diagnosed = rng.Date(from, SampleDates.Reference.AddDays(-3));
        return [disease, diagnosed.ToString("yyyy/M/d", CultureInfo.InvariantCulture)];
    }
}
