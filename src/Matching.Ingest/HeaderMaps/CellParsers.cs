using System.Globalization;
using System.Runtime.CompilerServices;
using Matching.Core.Departments;
using Matching.Core.Tables;
using Matching.Ingest.Tables;

namespace Matching.Ingest.HeaderMaps;

/// <summary>
/// The one set of cell parsers for typed fields, compiled once per header map: dates (2026-01-05, 2026/1/5, 2026.1.5,
/// 20260105, 2026年1月5日, with or without a time) within <see cref="IngestLimits.MinDate"/> and
/// <see cref="IngestLimits.MaxDate"/>; amounts in yuan (thousands separators, ¥ and 元 dropped) up to
/// <see cref="IngestLimits.MaxAmount"/>, negative only where the field takes refunds; yes/no flags through the
/// map's <c>values.flag</c> vocabulary (是/否, Y/N, 1/0, √/×, 有/无 by default); coded values (残疾等级, 特困供养方式,
/// 救助类别) through their vocabulary (<see cref="Vocabulary"/>), as their canonical code. An empty cell reads as no
/// value; a cell that does not read gives the row's reject reason. Parses spans: nothing is allocated for a cell that reads.
/// </summary>
public sealed class CellParsers
{
    private static readonly string[] DateFormats =
        ["yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyyMMdd", "yyyy年M月d日", "yyyy-M-d H:mm:ss", "yyyy/M/d H:mm:ss", "yyyy-M-d H:mm", "yyyy/M/d H:mm"];

    /// <summary>The yes words a map without a <c>values.flag</c> list accepts.</summary>
    public static IReadOnlyList<string> DefaultYes => Vocabulary.Defaults[Vocabulary.FlagName][Vocabulary.Yes];

    /// <summary>The no words a map without a <c>values.flag</c> list accepts.</summary>
    public static IReadOnlyList<string> DefaultNo => Vocabulary.Defaults[Vocabulary.FlagName][Vocabulary.No];

    private readonly Vocabulary _flags;
    private readonly Dictionary<string, Vocabulary> _codes = new(StringComparer.Ordinal);
    private readonly IngestLimits _limits;
    private readonly HeaderMap _map;

    // The largest amount in fen, which the checks compare with (a plain amount is read as fen: no division per cell).
    private readonly decimal _maxFen;

    /// <exception cref="ArgumentException">A vocabulary the map's fields need is missing or lists a spelling twice (the catalog refuses such maps).</exception>
    public CellParsers(HeaderMap map, IngestLimits limits)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(limits);
        _limits = limits;
        _maxFen = limits.MaxAmount * 100m;
        _map = map;
        _flags = map.GetVocabulary(Vocabulary.FlagName);
        foreach (var (name, spec) in map.Fields)
        {
            if (spec.Type == FieldType.Code)
            {
                _codes[name] = map.GetVocabulary(map.VocabularyOf(name));
            }
        }
    }

    /// <summary>The vocabulary a coded field reads through (its <c>values</c> setting, else its own name).</summary>
    /// <exception cref="ArgumentException">The map has no such vocabulary and there is no built-in one.</exception>
    public Vocabulary CodesOf(string field)
    {
        if (!_codes.TryGetValue(field, out var codes))
        {
            _codes[field] = codes = _map.GetVocabulary(_map.VocabularyOf(field));
        }

        return codes;
    }

    /// <summary>Whether an empty cell of a field of <paramref name="type"/> is a value (a flag vocabulary that lists "").</summary>
    public bool ReadsEmpty(string field, FieldType type) =>
        type == FieldType.Flag ? _flags.ReadsEmpty : type == FieldType.Code && _codes.TryGetValue(field, out var codes) && codes.ReadsEmpty;

    /// <summary>
    /// Reads <paramref name="raw"/> as <paramref name="field"/>'s type into its slot of <paramref name="values"/>; an
    /// empty cell leaves the slot empty (a flag or code whose vocabulary lists the empty cell reads as that word).
    /// </summary>
    /// <returns>False with <paramref name="problem"/> set when the cell does not read.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryRead(RecordField field, FieldSpec spec, ReadOnlySpan<char> raw, RecordValues values, out string problem)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(values);
        problem = string.Empty;
        var text = raw.Trim();
        switch (field.Type)
        {
            case FieldType.Text:
                values.SetText(field.Slot, text.Length == 0 ? null : text.ToString());
                return true;
            case FieldType.Flag:
                if (TryFlag(text, out var flag))
                {
                    values.SetFlag(field.Slot, flag);
                    return true;
                }

                if (text.Length == 0)
                {
                    return true;
                }

                problem = FlagProblem;
                return false;
            case FieldType.Code:
                var codes = _codes[field.Name];
                if (codes.TryRead(text, out var code))
                {
                    values.SetText(field.Slot, code);
                    return true;
                }

                if (text.Length == 0)
                {
                    return true;
                }

                problem = $"not one of the values listed ({codes.Listing}; header map values.{codes.Name})";
                return false;
            case FieldType.Date when text.Length == 0:
                return true;
            case FieldType.Date when TryDate(text, out var date, out problem):
                values.SetDate(field.Slot, date);
                return true;
            case FieldType.Amount when text.Length == 0:
                return true;
            case FieldType.Amount when TryAmount(text, spec.AllowsRefunds, out var fen, out problem):
                values.SetFen(field.Slot, fen);
                return true;
            default:
                return false;
        }
    }

    /// <summary>A yes/no cell through the map's vocabulary.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryFlag(ReadOnlySpan<char> text, out bool flag)
    {
        var read = _flags.TryRead(text, out var code);
        flag = read && code == Vocabulary.Yes;
        return read;
    }

    /// <summary>A yes/no cell's problem, for a reader that reports it.</summary>
    public const string FlagProblem = "not a yes/no value (是/否, or another spelling the header map's values.flag lists)";

    /// <summary>A date as clerks type it, within the configured range.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryDate(ReadOnlySpan<char> text, out DateOnly date, out string problem)
    {
        problem = string.Empty;
        if (!ParseDate(text, out date))
        {
            problem = "not a date";
            return false;
        }

        if (date < _limits.MinDate || date > _limits.MaxDate)
        {
            problem = string.Create(CultureInfo.InvariantCulture,
                $"a date outside {_limits.MinDate:yyyy-MM-dd} to {_limits.MaxDate:yyyy-MM-dd} (ingest:minDate, ingest:maxDate)");
            return false;
        }

        return true;
    }

    /// <summary>A date in any of the forms departments write, whatever its range.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool ParseDate(ReadOnlySpan<char> text, out DateOnly date)
    {
        text = text.Trim();

        // The form most files write (yyyy-MM-dd, which yyyy-M-d reads) by hand; anything else, or a day that is not
        // in its month, through the formats: the same answer, without the culture's machinery for most cells.
        return StoredDate.TryParse(text, out date) || DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    /// <summary>ASCII digits only (at most 18), as a number.</summary>
    private static bool Digits(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        foreach (var c in text)
        {
            var digit = c - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }

    /// <summary>An amount in yuan, as fen; within ±<see cref="IngestLimits.MaxAmount"/>, negative only for refunds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryAmount(ReadOnlySpan<char> text, bool refunds, out long fen, out string problem)
    {
        problem = string.Empty;
        if (PlainFen(text.Trim(), out fen))
        {
            return Within(fen, _maxFen, refunds, out problem);
        }

        Span<char> cleaned = stackalloc char[64];
        var n = 0;
        foreach (var c in text.Trim().TrimStart("¥￥").TrimEnd('元'))
        {
            if (c is ',' or '，' || char.IsWhiteSpace(c))
            {
                continue;
            }

            if (n == cleaned.Length)
            {
                problem = "not an amount";
                return false;
            }

            cleaned[n++] = c;
        }

        if (!decimal.TryParse(cleaned[..n], NumberStyles.Number, CultureInfo.InvariantCulture, out var yuan))
        {
            problem = "not an amount";
            return false;
        }

        if (!Within(yuan, _limits.MaxAmount, refunds, out problem))
        {
            return false;
        }

        fen = Fen.FromYuan(yuan);
        return true;
    }

    /// <summary>
    /// An amount written plainly (digits, a point and at most two decimals, a leading minus; no sign of currency, no
    /// separator, no space) read straight into fen: most cells of a bill, whose three amounts a row the culture's
    /// decimal parsing was the costliest part of reading. Anything else is for the general path, which reads these
    /// the same.
    /// </summary>
    private static bool PlainFen(ReadOnlySpan<char> text, out long fen)
    {
        fen = 0;
        var negative = text.Length > 0 && text[0] == '-';
        var digits = negative ? text[1..] : text;
        var point = digits.IndexOf('.');
        var whole = point < 0 ? digits : digits[..point];
        var cents = point < 0 ? [] : digits[(point + 1)..];
        if (whole.Length is 0 or > 13 || (point >= 0 && cents.Length is 0 or > 2) || !Digits(whole, out var yuan) || !Digits(cents, out var part))
        {
            return false;
        }

        fen = (yuan * 100) + (cents.Length == 1 ? part * 10 : part);
        fen = negative ? -fen : fen;
        return true;
    }

    /// <summary>
    /// The checks of <see cref="TryAmount"/> on an amount read, however it was written: in fen against
    /// <see cref="_maxFen"/>, or in yuan (which may be too large to make fen of) against the setting itself.
    /// </summary>
    private bool Within(decimal amount, decimal max, bool refunds, out string problem)
    {
        problem = string.Empty;
        if (Math.Abs(amount) > max)
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"an amount beyond {_limits.MaxAmount:0} yuan (ingest:maxAmount)");
            return false;
        }

        if (amount < 0 && !refunds)
        {
            problem = "a negative amount (this field takes no refunds)";
            return false;
        }

        return true;
    }
}
