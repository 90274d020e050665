using Matching.Core.Departments;

namespace Matching.Core.Rules;

/// <summary>
/// What the rules need to know of a department: its label, its own receiver, whether it sends lists or events, and
/// its typed fields with the column names to show them by.
/// </summary>
/// <param name="Code">Department code.</param>
/// <param name="Label">Its Chinese label (教育体育 在校学生).</param>
/// <param name="Receiver">The receiver its own warnings (ID_INVALID, ID_NAME_MISMATCH) go back to.</param>
/// <param name="Kind">Snapshot (lists) or ledger (events).</param>
/// <param name="Layout">Its typed fields; each field's label is the first header the department uses for it.</param>
public sealed record RuleDepartment(string Code, string Label, string Receiver, DepartmentKind Kind, RecordLayout Layout)
{
    /// <summary>A ledger's event date field (its events are kept or dropped from a run's window by it); empty otherwise.</summary>
    public string EventDateField { get; init; } = string.Empty;

    /// <summary>
    /// For each code field: its canonical codes, each with the word warnings show it by (grade → 1 → 一级), in the
    /// vocabulary's order. A code field not listed here is not checked against its codes.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Codes { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);

    /// <summary>The column name a field goes by in this department's files (是否家庭经济困难), or the field name.</summary>
    public string FieldName(string field) => Layout.TryGet(field, out var f) ? f.Label : field;

    /// <summary>A field's value as a warning shows it: a code by its word (1 → 一级), anything else as stored.</summary>
    public string ValueText(string field, string value) =>
        Codes.TryGetValue(field, out var codes) && codes.TryGetValue(value, out var word) ? word : value;
}
