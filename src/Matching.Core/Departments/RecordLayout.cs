using System.Globalization;
using System.Text;

namespace Matching.Core.Departments;

/// <summary>
/// The typed fields a department's records carry besides ID, name and birth date, each with its slot: the n-th field
/// of a type sits in the n-th place of that type in <see cref="RecordValues"/> and in the n-th storage column of that
/// type. Made once from the header map; a batch keeps the layout it was stored with (<see cref="Describe"/>), so a
/// header map that changes later still reads old batches by field name.
/// </summary>
public sealed class RecordLayout
{
    /// <summary>Text and code fields a record can hold together (and storage columns of that type).</summary>
    public const int TextSlots = 4;

    /// <summary>Date fields a record can hold.</summary>
    public const int DateSlots = 2;

    /// <summary>Amount fields a record can hold.</summary>
    public const int AmountSlots = 4;

    /// <summary>Yes/no fields a record can hold.</summary>
    public const int FlagSlots = 2;

    private readonly RecordField[] _fields;

    private RecordLayout(RecordField[] fields) => _fields = fields;

    /// <summary>A layout with no fields.</summary>
    public static RecordLayout Empty { get; } = new([]);

    public IReadOnlyList<RecordField> Fields => _fields;

    /// <summary>How many slots a type has (code fields share the text slots).</summary>
    public static int SlotsOf(FieldType type) => StorageOf(type) switch
    {
        FieldType.Text => TextSlots,
        FieldType.Date => DateSlots,
        FieldType.Amount => AmountSlots,
        _ => FlagSlots,
    };

    /// <summary>The type whose slots and storage columns a field of <paramref name="type"/> uses: a code is stored as text.</summary>
    public static FieldType StorageOf(FieldType type) => type == FieldType.Code ? FieldType.Text : type;

    /// <summary>Lays <paramref name="fields"/> out in order, slots numbered per type.</summary>
    /// <exception cref="ArgumentException">More fields of a type than it has slots, or a name given twice.</exception>
    public static RecordLayout Of(IEnumerable<(string Name, FieldType Type, string Label)> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var used = new int[4]; // per storage type: text and code fields are numbered together
        var laid = new List<RecordField>();
        foreach (var (name, type, label) in fields)
        {
            if (laid.Exists(f => f.Name == name))
            {
                throw new ArgumentException($"field '{name}' is declared twice", nameof(fields));
            }

            var slot = used[(int)StorageOf(type)]++;
            if (slot >= SlotsOf(type))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"more than {SlotsOf(type)} {Plural(type)} (field '{name}'): a record stores at most that many"),
                    nameof(fields));
            }

            laid.Add(new RecordField(name, type, slot, label));
        }

        return new RecordLayout([.. laid]);
    }

    private static string Plural(FieldType type) => type is FieldType.Text or FieldType.Code ? "text and code fields" : type.ToString().ToLowerInvariant() + " fields";

    /// <summary>The field called <paramref name="name"/>, if the layout has it.</summary>
    public bool TryGet(string name, out RecordField field)
    {
        foreach (var f in _fields)
        {
            if (f.Name == name)
            {
                field = f;
                return true;
            }
        }

        field = default;
        return false;
    }

    /// <summary>The stored form: <c>school:text:0,grade:code:1,hardship:flag:0</c>.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        foreach (var f in _fields)
        {
            if (text.Length > 0)
            {
                text.Append(',');
            }

            text.Append(f.Name).Append(':').Append(f.Type.ToString().ToLowerInvariant()).Append(':').Append(f.Slot.ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    /// <summary>Reads a stored form back (labels are not stored: the field name stands in). Unreadable parts are skipped.</summary>
    public static RecordLayout Parse(string? described)
    {
        if (string.IsNullOrEmpty(described))
        {
            return Empty;
        }

        var fields = new List<RecordField>();
        foreach (var part in described.Split(','))
        {
            var bits = part.Split(':');
            if (bits.Length == 3 && Enum.TryParse<FieldType>(bits[1], ignoreCase: true, out var type) &&
                int.TryParse(bits[2], NumberStyles.None, CultureInfo.InvariantCulture, out var slot) && slot < SlotsOf(type))
            {
                fields.Add(new RecordField(bits[0], type, slot, bits[0]));
            }
        }

        return new RecordLayout([.. fields]);
    }
}
