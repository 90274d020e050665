using System.Runtime.CompilerServices;

namespace Matching.Ingest.Coverage;

/// <summary>
/// How often each field's cell was empty, counted by the reader as rows stream past (no second pass, nothing
/// allocated per row). Each field has its own denominator, in its own <see cref="FillUnit"/>: a department's fields
/// count rows; the population's income counts households (one cell per household), its support mode tekun members.
/// </summary>
public sealed class FieldFill
{
    private readonly string[] _fields;
    private readonly FillUnit[] _units;
    private readonly long[] _seen;
    private readonly long[] _empty;

    public FieldFill(IEnumerable<(string Field, FillUnit Unit)> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var list = fields.ToList();
        _fields = [.. list.Select(f => f.Field)];
        _units = [.. list.Select(f => f.Unit)];
        _seen = new long[_fields.Length];
        _empty = new long[_fields.Length];
    }

    /// <summary>A fill that counts nothing (every field reads as seen nowhere).</summary>
    public static FieldFill None { get; } = new([]);

    /// <summary>The index <see cref="Count"/> takes for <paramref name="field"/>, or -1 when it is not counted.</summary>
    public int IndexOf(string field) => Array.IndexOf(_fields, field);

    /// <summary>One cell of field <paramref name="index"/> seen, empty or not.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Count(int index, bool empty)
    {
        _seen[index]++;
        if (empty)
        {
            _empty[index]++;
        }
    }

    /// <summary>How many cells of <paramref name="field"/> were seen and how many were empty, and what was counted.</summary>
    public (long Seen, long Empty, FillUnit Unit) Of(string field)
    {
        var i = IndexOf(field);
        return i < 0 ? (0, 0, FillUnit.Rows) : (_seen[i], _empty[i], _units[i]);
    }
}
