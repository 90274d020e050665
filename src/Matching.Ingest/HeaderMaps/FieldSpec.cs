using System.Text.Json.Serialization;
using Matching.Core.Departments;

namespace Matching.Ingest.HeaderMaps;

/// <summary>One field of a department's extract: the column names it may go by, its type, and whether a file must have it.</summary>
public sealed record FieldSpec
{
    /// <value>Accepted header texts, compared after <see cref="HeaderText.Normalize"/>.</value>
    public IReadOnlyList<string> Headers { get; init; } = [];

    /// <value>Whether a file without this column is refused. Default false.</value>
    public bool Required { get; init; }

    /// <value>How cells are read: <c>text</c> (default, kept as typed), <c>date</c>, <c>amount</c>, <c>flag</c> (是/否, through
    /// <c>values.flag</c>) or <c>code</c> (through the vocabulary <see cref="Vocabulary"/> names, stored as its canonical code).</value>
    [JsonConverter(typeof(FieldTypeWords))]
    public FieldType Type { get; init; } = FieldType.Text;

    /// <value>
    /// Code fields: the <c>values</c> entry whose spellings its cells take (<see cref="HeaderMaps.Vocabulary"/>); default
    /// the field's own name, so <c>grade</c> reads through <c>values.grade</c>, or the built-in grade vocabulary.
    /// </value>
    [JsonPropertyName("values")]
    public string? Vocabulary { get; init; }

    /// <value>Amount fields: what a negative amount is. <c>refuse</c> (the default: the row is rejected) or
    /// <c>refund</c> (退费/冲销: it counts, lowering the sum).</value>
    [JsonConverter(typeof(NegativeAmountWords))]
    public NegativeAmount Negative { get; init; } = NegativeAmount.Refuse;

    /// <summary>Negative amounts are refunds that count.</summary>
    [JsonIgnore]
    public bool AllowsRefunds => Negative == NegativeAmount.Refund;
}
