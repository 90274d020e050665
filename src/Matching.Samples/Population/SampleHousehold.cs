using AidType = Matching.Core.Population.AidType;

namespace Matching.Samples.Population;

/// <summary>A low-income household (户) as the civil-affairs export lists it: one row per member.</summary>
internal sealed class SampleHousehold(string id, string area, string village, string category)
{
    /// <summary>户编号, e.g. JY2024000123.</summary>
    public string Id { get; } = id;

    /// <summary>镇（街道）.</summary>
    public string Area { get; } = area;

    /// <summary>村（社区）.</summary>
    public string Village { get; } = village;

    /// <summary>救助类别: 低保, 特困, … or, for a deliberate duplicate-aid case, 低保、特困.</summary>
    public string Category { get; set; } = category;

    /// <summary>特困供养方式: 分散 or 集中 for 特困 households, else empty.</summary>
    public string SupportMode { get; set; } = string.Empty;

    /// <summary>家庭年收入 in yuan.</summary>
    public decimal Income { get; set; }

    /// <summary>住房困难.</summary>
    public bool HousingDifficulty { get; set; }

    /// <summary>Aid already received (已享受…救助).</summary>
    public AidType Aid { get; set; }

    public List<SampleMember> Members { get; } = [];

    public Person Head => Members[0].Person;
}
