using System.Globalization;
using Matching.Samples.Population;

namespace Matching.Samples.Extracts;

/// <summary>
/// 残联: persons with a disability certificate. The 残疾人证号 column mostly holds the 20-character certificate
/// number (the ID, then type 1-7 and grade 1-4), sometimes the bare ID.
/// </summary>
internal static class DisabilityExtract
{
    public const string Department = "disability";
    private static readonly string[] Header = ["姓名", "残疾人证号", "残疾类别", "残疾等级"];
    private static readonly string[] Types = ["视力残疾", "听力残疾", "言语残疾", "肢体残疾", "智力残疾", "精神残疾", "多重残疾"];
    private static readonly int[] TypeWeights = [10, 10, 4, 35, 15, 18, 8];
    private static readonly string[] Grades = ["一级", "二级", "三级", "四级"];
    private static readonly int[] GradeWeights = [40, 40, 15, 5];

    public static ExtractFile Build(ExtractContext ctx)
    {
        var rng = ctx.Rng;
        var total = ctx.Scaled(400);
        var rows = new List<ExtractRow>(total);
        var lowIncome = (int)Math.Round(total * ExtractContext.LowIncomeShare);
        foreach (var person in ctx.PickLowIncome(lowIncome, p => p.Age >= 3, p => p.SevereDisability, 0.7))
        {
            rows.Add(Row(person, rng));
        }

        while (rows.Count < total)
        {
            rows.Add(Row(ctx.Strangers.Create(rng, 3, 92), rng));
        }

        ctx.Finish(rows, p => p.Age >= 3, certificates: true);
        return new ExtractFile(Department, Title: null, Header, Gb18030: false, rows);
    }

    private static ExtractRow Row(Person person, Random rng)
    {
        var type = rng.Weighted(TypeWeights);
        var grade = rng.Weighted(GradeWeights);
        var suffix = string.Create(CultureInfo.InvariantCulture, $"{type + 1}{grade + 1}");
        return new ExtractRow(person, [Types[type], Grades[grade]]) { CertificateSuffix = suffix };
    }
}
