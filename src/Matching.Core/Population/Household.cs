namespace Matching.Core.Population;

/// <summary>A low-income household (户), keyed by its household id (户编号).</summary>
public sealed record Household
{
    public required string HouseholdId { get; init; }

    /// <summary>镇（街道）: one of Jiyuan's 5 subdistricts or 11 towns.</summary>
    public string Subdistrict { get; init; } = string.Empty;

    /// <summary>村（社区）.</summary>
    public string Village { get; init; } = string.Empty;

    /// <summary>家庭年收入 in yuan, where known.</summary>
    public decimal? AnnualIncome { get; init; }

    /// <summary>住房困难.</summary>
    public bool HousingDifficulty { get; init; }

    /// <summary>Aid the household already receives.</summary>
    public AidType Aid { get; init; }
}
