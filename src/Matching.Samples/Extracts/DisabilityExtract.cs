using System.Globalization;
using Matching.Samples.Damage;
using Matching.Samples.Population;

namespace Matching.Samples.Extracts;

/// <summary>
/// 残联: persons with a disability certificate. The 残疾人证号 column mostly holds the 20-character certificate
/// number (the ID, then type 1-7 and grade 1-4), sometimes the bare ID, a few times 17 digits (on an old 15-digit
/// ID) or Excel's scientific form of the 20 digits.
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
        AddRealForms(rows, ctx);
        GradesAsDigits(rows);
        return new ExtractFile(Department, Title: null, Header, Gb18030: false, rows);
    }

    /// <summary>
    /// After everything else, so the rest of the file stays as it was: a few certificate numbers on old 15-digit IDs
    /// (17 digits) and kept by Excel as numbers (4.10881195706216E+19); clerks' notes after names (张三（已故）);
    /// minority members whose separator this register drops or types otherwise, or whom the low-income database lists
    /// without it.
    /// </summary>
    private static void AddRealForms(List<ExtractRow> rows, ExtractContext ctx)
    {
        var rng = ctx.Rng;
        foreach (var (kind, count) in new[] { (DamageKind.Certificate15, 6), (DamageKind.CertificateScientific, 6) })
        {
            foreach (var row in Draw(rows, count, rng, r => r.Damage == DamageKind.Certificate && IdDamage.Applies(kind, r.Subject.Id, r.Subject.IdText)))
            {
                row.Damage = kind;
                row.IdCell = IdDamage.Certificate(kind, row.Subject.IdText, row.CertificateSuffix!);
            }
        }

        foreach (var row in Draw(rows, 6, rng, r => r.Damage == DamageKind.None && !r.IsStranger))
        {
            row.Damage = DamageKind.Annotation;
            row.Name = NameForms.Annotated(row.Name, rng);
        }

        var listed = ctx.Population.Households.SelectMany(h => h.Members).Where(m => m.ListedName is not null).Select(m => m.Person).ToHashSet();
        var minority = ctx.PickLowIncome(4, p => p.Age >= 3 && NameForms.IsMinority(p.Name) && !listed.Contains(p));
        var listedWithout = ctx.PickLowIncome(2, p => p.Age >= 3 && listed.Contains(p));
        foreach (var person in minority.Concat(listedWithout))
        {
            var row = Row(person, rng);
            (row.Damage, row.Name) = minority.IndexOf(person) switch
            {
                < 0 => (DamageKind.SeparatorDbDropped, person.Name),
                0 or 1 => (DamageKind.SeparatorDropped, NameForms.WithoutSeparator(person.Name)),
                _ => (DamageKind.SeparatorReplaced, NameForms.SeparatorReplaced(person.Name, rng)),
            };
            rows.Insert(rng.Next(rows.Count + 1), row);
        }
    }

    /// <summary>
    /// Every third row's grade written with a digit (1级, 2级), as a second register system does: the same grade as 一级,
    /// read as the same code. By position, not drawn: the random streams stay as they were.
    /// </summary>
    private static void GradesAsDigits(List<ExtractRow> rows)
    {
        for (var i = 2; i < rows.Count; i += 3)
        {
            var grade = Array.IndexOf(Grades, rows[i].Details[1]);
            if (grade >= 0)
            {
                rows[i].Details[1] = string.Create(CultureInfo.InvariantCulture, $"{grade + 1}级");
            }
        }
    }

    /// <summary>Up to <paramref name="count"/> rows that qualify, drawn at random.</summary>
    private static List<ExtractRow> Draw(List<ExtractRow> rows, int count, Random rng, Func<ExtractRow, bool> qualifies)
    {
        var candidates = rows.Where(qualifies).ToList();
        rng.ShuffleList(candidates);
        return candidates.Take(count).ToList();
    }

    private static ExtractRow Row(Person person, Random rng)
    {
        var type = rng.Weighted(TypeWeights);
        var grade = rng.Weighted(GradeWeights);
        var suffix = string.Create(CultureInfo.InvariantCulture, $"{type + 1}{grade + 1}");
        return new ExtractRow(person, [Types[type], Grades[grade]]) { CertificateSuffix = suffix };
    }
}
