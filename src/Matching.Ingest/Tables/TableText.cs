using System.Runtime.CompilerServices;
using System.Text;

namespace Matching.Ingest.Tables;

/// <summary>Cell text helpers shared by the table readers.</summary>
internal static class TableText
{
    /// <summary><paramref name="text"/> as UTF-8, in <paramref name="scratch"/> when it fits, else in a new array.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ReadOnlySpan<byte> Utf8(string text, Span<byte> scratch) =>
        Encoding.UTF8.TryGetBytes(text, scratch, out var n) ? scratch[..n] : Encoding.UTF8.GetBytes(text);
}
