namespace Matching.Core.Rules;

/// <summary>What the rules need to know of a department: its label, its own receiver, and its fields' column names.</summary>
/// <param name="Code">Department code.</param>
/// <param name="Label">Its Chinese label (教育体育 在校学生).</param>
/// <param name="Receiver">The receiver its own warnings (ID_INVALID, ID_NAME_MISMATCH) go back to.</param>
/// <param name="FieldNames">Field → the first header the department uses for it (是否家庭经济困难).</param>
public sealed record RuleDepartment(string Code, string Label, string Receiver, IReadOnlyDictionary<string, string> FieldNames)
{
    public string FieldName(string field) => FieldNames.TryGetValue(field, out var name) ? name : field;
}
