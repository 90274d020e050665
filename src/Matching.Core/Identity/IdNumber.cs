namespace Matching.Core.Identity;

/// <summary>
/// 居民身份证号码 (GB 11643-1999), canonical: 17 digits + check character 0-9/X (ISO 7064 MOD 11-2).
/// Held as its 64-bit key (the first 17 digits as a number), so it costs no allocation to carry around;
/// the check character is derived. Build one with <see cref="IdParser"/> or <see cref="FromKey"/>.
/// </summary>
public readonly record struct IdNumber
{
    public const int Length = 18;

    /// <summary>Keys are below 10^17: 17 decimal digits.</summary>
    public const long MaxKey = 99_999_999_999_999_999L;

    private const string CheckChars = "10X98765432";

    private static ReadOnlySpan<byte> Weights => [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    private IdNumber(long key) => Key = key;

    /// <summary>The first 17 digits as a number: a dense, sortable 64-bit index key.</summary>
    public long Key { get; }

    /// <summary>The canonical 18-character text. Never log it: use <see cref="Masked"/>.</summary>
    public string Value => string.Create(Length, Key, static (dest, key) => Write(key, dest));

    /// <summary>For logs and messages: 419001********123X. Never log <see cref="Value"/>.</summary>
    public string Masked => Mask(Value);

    /// <summary>The 6-digit administrative region code (GB/T 2260), e.g. 419001 for Jiyuan.</summary>
    public int RegionCode => (int)(Key / 100_000_000_000L);

    /// <summary>The birth date encoded in digits 7-14.</summary>
    public DateOnly BirthDate
    {
        get
        {
            var yyyymmdd = (int)(Key / 1000 % 100_000_000);
            return new DateOnly(yyyymmdd / 10000, yyyymmdd / 100 % 100, yyyymmdd % 100);
        }
    }

    /// <summary>The sequence digits 15-17: odd for men, even for women.</summary>
    public bool IsMale => Key % 2 == 1;

    /// <summary>The check character of this ID.</summary>
    public char Check
    {
        get
        {
            Span<char> digits = stackalloc char[Length];
            Write(Key, digits);
            return digits[17];
        }
    }

    /// <summary>Rebuilds an ID from its key; false when the key is no valid ID (bad province or birth date).</summary>
    public static bool TryFromKey(long key, out IdNumber id)
    {
        id = default;
        if (key is <= 0 or > MaxKey)
        {
            return false;
        }

        Span<char> text = stackalloc char[Length];
        Write(key, text);
        if (!IdRules.HasKnownProvince(text) || !IdRules.HasValidBirthDate(text[6..14]))
        {
            return false;
        }

        id = new IdNumber(key);
        return true;
    }

    /// <summary>Rebuilds an ID from a key known to be valid (one read from our own index or database).</summary>
    public static IdNumber FromKey(long key) =>
        TryFromKey(key, out var id) ? id : throw new ArgumentOutOfRangeException(nameof(key), "not a valid ID key");

    /// <summary>The ISO 7064 MOD 11-2 check character of the first 17 digits (all ASCII digits).</summary>
    public static char CheckChar(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckChars[sum % 11];
    }

    /// <summary>Masks any ID-like text for display: keeps the first 6 and last 4 characters.</summary>
    public static string Mask(ReadOnlySpan<char> text)
    {
        if (text.Length <= 10)
        {
            return new string('*', text.Length);
        }

        return string.Concat(text[..6], new string('*', text.Length - 10), text[^4..]);
    }

    /// <summary>Writes the canonical 18 characters of <paramref name="key"/> into <paramref name="dest"/>.</summary>
    public static void Write(long key, Span<char> dest)
    {
        var k = key;
        for (var i = 16; i >= 0; i--)
        {
            dest[i] = (char)('0' + (int)(k % 10));
            k /= 10;
        }

        dest[17] = CheckChar(dest);
    }

    /// <summary>Writes the canonical 18 characters of <paramref name="key"/> into <paramref name="dest"/> as ASCII (UTF-8).</summary>
    public static void Write(long key, Span<byte> dest)
    {
        var k = key;
        var sum = 0;
        for (var i = 16; i >= 0; i--)
        {
            var digit = (int)(k % 10);
            dest[i] = (byte)('0' + digit);
            sum += digit * Weights[i];
            k /= 10;
        }

        dest[17] = (byte)CheckChars[sum % 11];
    }

    /// <summary>An ID from a key validated when it was stored (our own index): no re-checking per row.</summary>
    internal static IdNumber FromTrustedKey(long key) => new(key);

    /// <summary>Creates an ID from text already checked by <see cref="IdRules.IsValid18"/>.</summary>
    internal static IdNumber FromValidated(ReadOnlySpan<char> valid18)
    {
        long key = 0;
        for (var i = 0; i < 17; i++)
        {
            key = (key * 10) + (valid18[i] - '0');
        }

        return new IdNumber(key);
    }

    public override string ToString() => Masked;
}
