using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Matching.Core.Departments;
using Matching.Ingest.Localization;

namespace Matching.Ingest.HeaderMaps;

/// <summary>
/// Reads and writes an enum as the word a header map file spells it with (<c>"type": "amount"</c>). The words are the
/// JSON edge only: the map holds the enum. An unknown word fails the read with <see cref="UnknownWordException"/>,
/// whose message says what the word may be; the catalog adds the file and the place in it.
/// </summary>
public abstract class JsonWords<T> : JsonConverter<T>
    where T : struct, Enum
{
    private readonly (string Word, T Value)[] _words;
    private readonly string _unknownKey;

    /// <param name="unknownKey">The message, in Messages.resx, for a word not among <paramref name="words"/>; {0} is the word.</param>
    /// <param name="words">Each word and its value. The first word of a value is the one written; later ones are read as aliases.</param>
    protected JsonWords(string unknownKey, params (string Word, T Value)[] words)
    {
        _unknownKey = unknownKey;
        _words = words;
    }

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var word = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        foreach (var (known, value) in _words)
        {
            if (string.Equals(known, word, StringComparison.Ordinal))
            {
                return value;
            }
        }

        // Not a word at all (null, a number, a list): shown as the file writes it.
        throw new UnknownWordException(Text.Format(_unknownKey, word ?? reader.TokenType switch
        {
            JsonTokenType.Null => "null",
            JsonTokenType.True => "true",
            JsonTokenType.False => "false",
            JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
            JsonTokenType.StartArray => "[…]",
            _ => "{…}",
        }));
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        foreach (var (word, known) in _words)
        {
            if (EqualityComparer<T>.Default.Equals(known, value))
            {
                writer.WriteStringValue(word);
                return;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(value), value, null);
    }
}

/// <summary>A header map names a kind, type or setting that does not exist.</summary>
public sealed class UnknownWordException(string message) : JsonException(message);

/// <summary><see cref="FieldSpec.Type"/> as written: text, date, amount, flag or code.</summary>
public sealed class FieldTypeWords() : JsonWords<FieldType>("MapFieldTypeUnknown",
    ("text", FieldType.Text),
    ("date", FieldType.Date),
    ("amount", FieldType.Amount),
    ("flag", FieldType.Flag),
    ("code", FieldType.Code));

/// <summary><see cref="HeaderMap.Kind"/> as written; <c>department</c>, from before ledgers, reads as a snapshot.</summary>
public sealed class SourceKindWords() : JsonWords<SourceKind>("MapKindUnknown",
    ("snapshot", SourceKind.Snapshot),
    ("ledger", SourceKind.Ledger),
    ("population", SourceKind.Population),
    ("evaluation", SourceKind.Evaluation),
    ("department", SourceKind.Snapshot));

/// <summary><see cref="FieldSpec.Negative"/> as written: refuse or refund.</summary>
public sealed class NegativeAmountWords() : JsonWords<NegativeAmount>("MapNegativeUnknown",
    ("refuse", NegativeAmount.Refuse),
    ("refund", NegativeAmount.Refund));
