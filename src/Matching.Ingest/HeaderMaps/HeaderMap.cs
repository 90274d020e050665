using System.Text.Json.Serialization;
using Matching.Core.Departments;

namespace Matching.Ingest.HeaderMaps;

/// <summary>
/// How one source's files are laid out: for each field (<c>id</c>, <c>name</c>, …) the header names it may go by,
/// and, for a department, whether it sends lists or events and which columns every real extract of it has. Loaded
/// from <c>HeaderMaps/&lt;source&gt;.json</c>: renaming a column or adding a department needs no code.
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

    /// <value>What the source is: <c>snapshot</c> (the default), <c>ledger</c>, <c>population</c> or <c>evaluation</c>;
    /// <c>department</c>, from before ledgers, reads as <c>snapshot</c>.</value>
    [JsonConverter(typeof(SourceKindWords))]
    public SourceKind Kind { get; init; } = SourceKind.Snapshot;

    /// <summary>A department's extract (snapshot or ledger), as opposed to the population or an evaluation file.</summary>
    [JsonIgnore]
    public bool IsDepartment => Kind is SourceKind.Snapshot or SourceKind.Ledger;

    /// <summary>How the department sends its data.</summary>
    [JsonIgnore]
    public DepartmentKind DepartmentKind => Kind == SourceKind.Ledger ? DepartmentKind.Ledger : DepartmentKind.Snapshot;

    /// <value>Chinese label for messages and workbooks, e.g. 教育体育（学生）.</value>
    public string Label { get; init; } = string.Empty;

    /// <value>The receiver code that gets this source's own warnings (CONTRACT.md), e.g. <c>education</c>.</value>
    public string Receiver { get; init; } = string.Empty;

    /// <value>Fields by name.</value>
    public IReadOnlyDictionary<string, FieldSpec> Fields { get; init; } = new Dictionary<string, FieldSpec>();

    /// <value>
    /// The columns every real extract of this department has, as groups of fields: a file must have a column for
    /// at least one field of each group (education: <c>[["school"], ["grade", "hardship"]]</c>). A file without them
    /// is another department's, or not an extract at all, and is refused.
    /// </value>
    public IReadOnlyList<IReadOnlyList<string>> AlwaysHas { get; init; } = [];

    /// <value>A ledger's event identity and retention; null for a snapshot.</value>
    public LedgerOptions? Ledger { get; init; }

    /// <value>
    /// Accepted cell values per vocabulary, code → spellings, e.g. category → dibao → [低保, 最低生活保障], flag → yes → [是, √],
    /// grade → 1 → [一级, 1级, I级]. An entry replaces the built-in vocabulary of its name (<see cref="Vocabulary.Defaults"/>).
    /// </value>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> Values { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>();

    /// <summary>The vocabulary a code field reads through (its <c>values</c> setting, else its own name).</summary>
    public string VocabularyOf(string field) =>
        Fields.TryGetValue(field, out var spec) && !string.IsNullOrEmpty(spec.Vocabulary) ? spec.Vocabulary : field;

    /// <summary>
    /// A vocabulary by name: the map's <c>values</c> entry, else the built-in one (<see cref="Vocabulary.Defaults"/>).
    /// </summary>
    /// <exception cref="ArgumentException">Neither exists, or a spelling is listed under two codes.</exception>
    public Vocabulary GetVocabulary(string name) =>
        Values.TryGetValue(name, out var codes) ? HeaderMaps.Vocabulary.Of(name, codes)
        : HeaderMaps.Vocabulary.Defaults.TryGetValue(name, out var defaults) ? HeaderMaps.Vocabulary.Of(name, defaults)
        : throw new ArgumentException($"no values.{name} and no built-in vocabulary of that name ({string.Join(", ", HeaderMaps.Vocabulary.Defaults.Keys)})", nameof(name));

    /// <summary>
    /// The typed fields a department's records store (every field but ID, name and birth date), in declaration
    /// order; labels are each field's first header.
    /// </summary>
    /// <exception cref="ArgumentException">More fields of a type than a record stores.</exception>
    public RecordLayout Layout() => RecordLayout.Of(Fields
        .Where(f => f.Key is not IdField and not NameField and not BirthDateField)
        .Select(f => (f.Key, f.Value.Type, f.Value.Headers.Count > 0 ? f.Value.Headers[0] : f.Key)));
}
