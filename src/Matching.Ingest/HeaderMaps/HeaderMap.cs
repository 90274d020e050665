namespace Matching.Ingest.HeaderMaps;

/// <summary>
/// How one source's files are laid out: for each field (<c>id</c>, <c>name</c>, …) the header names it may go by.
/// Loaded from <c>HeaderMaps/&lt;source&gt;.json</c>: renaming a column or adding a department needs no code.
/// </summary>
public sealed record HeaderMap
{
    /// <summary>The field holding the resident ID; every map has it.</summary>
    public const string IdField = "id";

    /// <summary>The field holding the person's name.</summary>
    public const string NameField = "name";

    /// <summary>The field holding a birth date, where a source has one (used when the ID is unusable).</summary>
    public const string BirthDateField = "birthDate";

    /// <value>Source code: <c>lowincome</c> or a department code such as <c>education</c>.</value>
    public string Source { get; init; } = string.Empty;

    /// <value>What the source is: <c>department</c> (the default), <c>population</c> (the low-income export) or
    /// <c>evaluation</c> (a labelled file for <c>matching evaluate</c>).</value>
    public string Kind { get; init; } = "department";

    public bool IsDepartment => Kind == "department";

    /// <value>Chinese label for messages and workbooks, e.g. 教育体育（学生）.</value>
    public string Label { get; init; } = string.Empty;

    /// <value>The receiver code that gets this source's own warnings (CONTRACT.md), e.g. <c>education</c>.</value>
    public string Receiver { get; init; } = string.Empty;

    /// <value>Fields by name.</value>
    public IReadOnlyDictionary<string, FieldSpec> Fields { get; init; } = new Dictionary<string, FieldSpec>();

    /// <value>Accepted cell values per coded field, e.g. category → dibao → [低保, 最低生活保障].</value>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> Values { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>();
}
