namespace Matching.Samples.Benchmark;

/// <summary>Writes the canonical 18 characters of an ID key as ASCII bytes, check character included.</summary>
internal static class Utf8Id
{
    public const int Length = 18;

    private static ReadOnlySpan<byte> Weights => [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    private static ReadOnlySpan<byte> CheckChars => "10X98765432"u8;

    public static void Write(long key, Span<byte> dest)
    {
        var k = key;
        var sum = 0;
        for (var i = 16; i >= 0; i--)
        {
            var digit = (int)(k % 10);
            k /= 10;
            dest[i] = (byte)('0' + digit);
            sum += digit * Weights[i];
        }

        dest[17] = CheckChars[sum % 11];
    }

    /// <summary>Writes <paramref name="value"/> as exactly <paramref name="digits"/> ASCII digits (zero-padded).</summary>
    public static void WriteDigits(long value, int digits, Span<byte> dest)
    {
        for (var i = digits - 1; i >= 0; i--)
        {
            dest[i] = (byte)('0' + (int)(value % 10));
            value /= 10;
        }
    }
}
