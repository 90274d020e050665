using Matching.Core.Identity;

namespace Matching.Core.Departments;

/// <summary>
/// One data row of a department extract as stored in a batch: where it was, its ID as read, the name, and the
/// department's other fields (school, disease, amounts …) in their stored form, keyed by the header map's field names.
/// </summary>
/// <param name="SourceRow">The row number a spreadsheet shows.</param>
/// <param name="RawId">The ID cell as typed (kept so a damaged ID can be reported and matched by fallbacks).</param>
/// <param name="Parsed">What the ID cell is.</param>
/// <param name="Name">The name cell, trimmed.</param>
/// <param name="Fields">The other mapped fields, read by their declared types.</param>
public sealed record SourceRecord(long SourceRow, string RawId, IdParseResult Parsed, string Name, IReadOnlyDictionary<string, string> Fields);
