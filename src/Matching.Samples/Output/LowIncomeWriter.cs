using AidType = Matching.Core.Population.AidType;
using System.Globalization;
using Matching.Core.Departments;
using Matching.Samples.Population;

namespace Matching.Samples.Output;

/// <summary>
/// Writes lowincome.csv, the civil-affairs export, and then truth/lowincome.truth.csv (its rejected rows). The sample's
/// file is written as such systems write it: the income headed 家庭年收入（元）, the support mode as 分散供养/集中供养, and
/// every fourth household's yes/no cells as √/×.
/// </summary>
internal static class LowIncomeWriter
{
    public const string FileName = SourceCodes.LowIncome + ".csv";

    /// <summary>
    /// The columns of lowincome.csv, in order (the evaluation and benchmark sets write the same): the income with its
    /// unit, as exports head it.
    /// </summary>
    public static readonly string[] Header =
    [
        "户编号", "镇（街道）", "村（社区）", "户主姓名", "成员姓名", "身份证号码", "与户主关系", "救助类别", "家庭年收入（元）",
        "住房困难", "特困供养方式", "是否重病", "是否重度残疾", "已享受医疗救助", "已享受教育救助", "已享受就业救助",
        "已享受住房救助", "已享受残疾人补贴", "已享受临时救助",
    ];

    public static IEnumerable<SampleFile> Write(string directory, SamplePopulation population)
    {
        var rejected = new List<int>();
        var row = 1;
        using (var writer = CsvFiles.OpenUtf8Bom(Path.Combine(directory, FileName)))
        {
            CsvFiles.WriteRecord(writer, Header);
            var fields = new string[Header.Length];
            var index = 0;
            foreach (var household in population.Households)
            {
                var ticks = index++ % 4 == 3;
                foreach (var member in household.Members)
                {
                    row++;
                    Fill(fields, household, member);
                    AsExported(fields, ticks);
                    CsvFiles.WriteRecord(writer, fields);
                    if (member.BadId is not null)
                    {
                        rejected.Add(row);
                    }
                }
            }
        }

        return [CsvFiles.Describe(directory, FileName, row - 1), TruthWriter.WriteLowIncome(directory, SourceCodes.LowIncome, rejected)];
    }

    /// <summary>Fills the cells of one member's row, in <see cref="Header"/> order.</summary>
    public static void Fill(string[] fields, SampleHousehold household, SampleMember member)
    {
        var person = member.Person;
        var aid = household.Aid;
        fields[0] = household.Id;
        fields[1] = household.Area;
        fields[2] = household.Village;
        fields[3] = household.Members[0].ListedName ?? household.Head.Name;
        fields[4] = member.ListedName ?? person.Name;
        fields[5] = member.BadId ?? person.IdText;
        fields[6] = member.Relation;
        fields[7] = household.Category;
        fields[8] = household.Income.ToString("F2", CultureInfo.InvariantCulture);
        fields[9] = YesNo(household.HousingDifficulty);
        fields[10] = household.SupportMode;
        fields[11] = YesNo(person.SeriousIllness);
        fields[12] = YesNo(person.SevereDisability);
        fields[13] = YesNo(aid.HasFlag(AidType.Medical));
        fields[14] = YesNo(aid.HasFlag(AidType.Education));
        fields[15] = YesNo(aid.HasFlag(AidType.Employment));
        fields[16] = YesNo(aid.HasFlag(AidType.Housing));
        fields[17] = YesNo(aid.HasFlag(AidType.DisabilitySubsidy));
        fields[18] = YesNo(aid.HasFlag(AidType.Temporary));
    }

    private static string YesNo(bool value) => value ? "是" : "否";

    /// <summary>The cells as a civil-affairs system exports them: 分散供养/集中供养, and √/× where <paramref name="ticks"/>.</summary>
    private static void AsExported(string[] fields, bool ticks)
    {
        fields[10] = fields[10] switch
        {
            "分散" => "分散供养",
            "集中" => "集中供养",
            var other => other,
        };
        if (!ticks)
        {
            return;
        }

        for (var i = 9; i < fields.Length; i++)
        {
            fields[i] = fields[i] switch
            {
                "是" => "√",
                "否" => "×",
                var other => other,
            };
        }
    }
}
