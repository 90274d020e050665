using Matching.Core.Identity;

namespace Matching.Core.Population;

/// <summary>A member of a low-income household, with the categories and flags the rules look at.</summary>
public sealed record Member
{
    public required string HouseholdId { get; init; }

    public required IdNumber Id { get; init; }

    public required string Name { get; init; }

    /// <summary>与户主关系 as the export spells it (户主, 配偶, 子女 …).</summary>
    public string Relation { get; init; } = string.Empty;

    public AidCategory Categories { get; init; }

    /// <summary>是否重病.</summary>
    public bool SeriousIllness { get; init; }

    /// <summary>是否重度残疾.</summary>
    public bool SevereDisability { get; init; }

    /// <summary>特困供养方式 as its canonical code: 分散 (dispersed: 分散供养) or 集中 (centralised: 集中供养), for tekun members.</summary>
    public string TekunSupport { get; init; } = string.Empty;
}
