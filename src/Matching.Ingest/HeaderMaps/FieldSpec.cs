namespace Matching.Ingest.HeaderMaps;

/// <summary>One field of a department's extract: the column names it may go by, and whether a file must have it.</summary>
public sealed record FieldSpec
{
    /// <value>Accepted header texts, compared after <see cref="HeaderText.Normalize"/>.</value>
    public IReadOnlyList<string> Headers { get; init; } = [];

    /// <value>Whether a file without this column is refused. Default false.</value>
    public bool Required { get; init; }

    /// <value>How cells are read: <c>text</c> (default, kept as typed), <c>date</c>, <c>amount</c> or <c>flag</c> (是/否).</value>
    public string Type { get; init; } = FieldTypes.Text;
}
