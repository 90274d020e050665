using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Matching.Core.Errors;
using Matching.Ingest.Localization;

namespace Matching.Ingest.Tables;

/// <summary>
/// Tells how a text file is encoded: UTF-8 (with or without BOM) or, failing that, GB18030 (a superset of GBK,
/// which Chinese Excel writes for "CSV"). Refuses binary content dressed up as text.
/// </summary>
public static class TextEncodingDetector
{
    private const int SampleBytes = 1 << 20;

    static TextEncodingDetector() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Gb18030 { get; } = GetGb18030();

    /// <summary>The file's encoding; throws <see cref="InputFileException"/> for empty or binary files.</summary>
    public static Encoding Detect(string path)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(SampleBytes);
        try
        {
            int read;
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
            {
                read = stream.ReadAtLeast(buffer.AsSpan(0, SampleBytes), SampleBytes, throwOnEndOfStream: false);
            }

            return Detect(buffer.AsSpan(0, read), path);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static Encoding Detect(ReadOnlySpan<byte> sample, string path)
    {
        if (sample.IsEmpty)
        {
            throw new InputFileException(path, Text.Get("FileEmpty"));
        }

        if (sample.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        }

        if (sample.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode;
        }

        if (sample.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode;
        }

        if (sample.Contains((byte)0))
        {
            throw new InputFileException(path, Text.Get("NotText"));
        }

        return IsUtf8(sample) ? new UTF8Encoding(false) : Gb18030;
    }

    private static bool IsUtf8(ReadOnlySpan<byte> sample)
    {
        var chars = ArrayPool<char>.Shared.Rent(4096);
        try
        {
            while (!sample.IsEmpty)
            {
                var status = Utf8.ToUtf16(sample, chars, out var read, out _, replaceInvalidSequences: false, isFinalBlock: false);
                if (status == OperationStatus.InvalidData)
                {
                    return false;
                }

                if (status == OperationStatus.NeedMoreData || read == 0)
                {
                    // The sample ends inside a character: what came before was fine.
                    return true;
                }

                sample = sample[read..];
            }

            return true;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static Encoding GetGb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }
}
