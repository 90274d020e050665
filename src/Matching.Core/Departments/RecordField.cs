namespace Matching.Core.Departments;

/// <summary>One typed field of a department record and where its value sits in a <see cref="RecordValues"/>.</summary>
/// <param name="Name">The header map's field name (<c>selfPaid</c>, <c>hardship</c>).</param>
/// <param name="Type">How the value is read and stored.</param>
/// <param name="Slot">Its index among the fields stored as its type (0-based; text and code fields are numbered together).</param>
/// <param name="Label">The column name to show it by (the first header the department uses: 个人自付).</param>
public readonly record struct RecordField(string Name, FieldType Type, int Slot, string Label);
