using Matching.Core.Identity;

namespace Matching.Core.Departments;

/// <summary>
/// One data row of a department extract on its way into a batch: where it was, its ID as read, the name, the birth
/// date as typed, its typed fields and, for a ledger, the event it records. Made to be reused row after row by the
/// reader that fills it; a consumer that keeps anything copies it.
/// </summary>
public sealed class DepartmentRecord
{
    /// <summary>The row number a spreadsheet shows.</summary>
    public long SourceRow { get; set; }

    /// <summary>The ID cell as typed (kept so a damaged ID can be reported and matched by fallbacks).</summary>
    public string RawId { get; set; } = string.Empty;

    /// <summary>What the ID cell is.</summary>
    public IdParseResult Parsed { get; set; }

    /// <summary>The name cell, trimmed.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The birth date cell as typed (trimmed), empty when the file has none: the fallback for an unusable ID.</summary>
    public string BirthDate { get; set; } = string.Empty;

    /// <summary>The typed fields, laid out by the department's <see cref="RecordLayout"/>.</summary>
    public RecordValues Values { get; } = new();

    /// <summary>For a ledger: the event this row records (<see cref="EventKey"/>); null for a snapshot's row.</summary>
    public EventKey? Event { get; set; }

    /// <summary>
    /// Whether the row identifies someone: a valid ID, an ID whose surviving digits a fallback can use, or a birth
    /// date beside the name. The snapshot guard counts these, so an extract whose IDs were lost is held like a short one.
    /// </summary>
    public bool IsUsable =>
        Parsed.IsValid || Parsed.IsCorrectable || Parsed.Kind is IdKind.ExcelDamaged or IdKind.SeventeenDigits || BirthDate.Length > 0;
}
