namespace Matching.Core.Rules;

/// <summary>
/// A warning a run found (预警). Identified by (<see cref="Code"/>, <see cref="Subject"/>, <see cref="Receiver"/>):
/// the same warning found by a later run continues the first one. <see cref="Detail"/> states the facts; when they
/// change, a warning a department has closed is raised again.
/// </summary>
public sealed record Warning
{
    public required string Code { get; init; }
    public required string Label { get; init; }
    public required string Measure { get; init; }
    public required string Receiver { get; init; }

    /// <summary>Who the warning is about: the canonical ID, or for an unusable ID the cell and name as typed.</summary>
    public required string Subject { get; init; }

    /// <summary>身份证号码: canonical from the database, else the cleaned source ID (never masked here; workbooks may mask).</summary>
    public required string IdText { get; init; }

    public required string Name { get; init; }
    public string HouseholdId { get; init; } = string.Empty;

    /// <summary>镇（街道）.</summary>
    public string Subdistrict { get; init; } = string.Empty;

    /// <summary>村（社区）.</summary>
    public string Village { get; init; } = string.Empty;

    /// <summary>救助类别 in Chinese (低保、特困 …), empty for persons outside the database.</summary>
    public string Categories { get; init; } = string.Empty;

    /// <summary>来源部门: the department code, or <c>lowincome</c> for warnings from the database alone.</summary>
    public required string Department { get; init; }

    /// <summary>匹配方式: the match method, empty where nothing was matched.</summary>
    public string Method { get; init; } = string.Empty;

    /// <summary>预警说明: the facts, in Chinese; no row numbers, so that the same facts read the same in every run.</summary>
    public required string Detail { get; init; }

    public long? BatchId { get; init; }
    public long? SourceRow { get; init; }
}
