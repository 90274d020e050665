using System.Globalization;
using Matching.Samples.Population;

namespace Matching.Samples.Extracts;

/// <summary>
/// 应急管理 受灾人员救助: the persons registered for disaster relief after this year's floods, hail, landslides and
/// drought, each in the towns it struck. About 25 of 80 rows are low-income members, household heads mostly
/// (DISASTER_AID); the rest are strangers.
/// </summary>
internal static class DisasterExtract
{
    public const string Department = "disaster";
    private const string Title = "济源示范区2026年自然灾害受灾人员救助台账";
    private static readonly string[] Header = ["姓名", "身份证号", "受灾日期", "灾种", "损失金额"];

    /// <summary>Share of rows whose subject is a low-income member (about 25 of 80).</summary>
    private const double MemberShare = 25 / 80.0;

    /// <summary>Share of those members who head their household (relief is registered to the head).</summary>
    private const double HeadShare = 0.8;

    /// <summary>This year's disasters: the kind, when (days before the reference date, and how long), where, the loss range in yuan.</summary>
    private static readonly Disaster[] Disasters =
    [
        new("干旱", 200, 45, ["承留镇", "思礼镇", "梨林镇", "轵城镇"], 500, 6_000),
        new("风雹", 166, 2, ["五龙口镇", "梨林镇", "轵城镇"], 800, 15_000),
        new("洪涝", 122, 6, ["邵原镇", "王屋镇", "下冶镇", "坡头镇", "大峪镇", "克井镇"], 3_000, 60_000),
        new("地质灾害", 115, 20, ["邵原镇", "王屋镇", "大峪镇", "坡头镇"], 5_000, 120_000),
    ];

    /// <summary>The towns struck by any of them, in the order listed.</summary>
    private static readonly string[] StruckAreas = [.. Disasters.SelectMany(d => d.Areas).Distinct(StringComparer.Ordinal)];

    public static ExtractFile Build(ExtractContext ctx)
    {
        var rng = ctx.Rng;
        var total = ctx.Scaled(80);
        var rows = new List<ExtractRow>(total);
        var members = ctx.PickLowIncome(
            (int)Math.Round(total * MemberShare), p => p.Age >= 18 && StruckAreas.Contains(p.Household!.Area, StringComparer.Ordinal),
            p => p.Household!.Head == p, HeadShare);
        foreach (var person in members)
        {
            rows.Add(new ExtractRow(person, Details(person.Household!.Area, rng)));
        }

        while (rows.Count < total)
        {
            var person = ctx.Strangers.Create(rng, 25, 85);
            rows.Add(new ExtractRow(person, Details(rng.Pick(StruckAreas), rng)));
        }

        ctx.Finish(rows, p => p.Age >= 18);
        return new ExtractFile(Department, Title, Header, Gb18030: false, rows);
    }

    /// <summary>One of the disasters that struck <paramref name="area"/>: its kind, a day within it, the loss.</summary>
    private static string[] Details(string area, Random rng)
    {
        var struck = Disasters.Where(d => d.Areas.Contains(area, StringComparer.Ordinal)).ToList();
        var disaster = rng.Pick(struck);
        var start = SampleDates.Reference.AddDays(-disaster.DaysAgo);
        var day = rng.Date(start, start.AddDays(disaster.Days - 1));
        var loss = Math.Round(rng.Next(disaster.MinLoss, disaster.MaxLoss + 1) / 10m) * 10m;
        return
        [
            day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            disaster.Kind,
            loss.ToString("F2", CultureInfo.InvariantCulture),
        ];
    }

    private sealed record Disaster(string Kind, int DaysAgo, int Days, string[] Areas, int MinLoss, int MaxLoss);
}
