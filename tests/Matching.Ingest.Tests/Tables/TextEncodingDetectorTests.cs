using System.Text;
using Matching.Core.Errors;
using Matching.Ingest.Tables;

namespace Matching.Ingest.Tests.Tables;

public sealed class TextEncodingDetectorTests
{
    [Fact]
    public void Detect_Utf8Bom_Utf8()
    {
        byte[] sample = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("姓名")];

        Assert.Equal(Encoding.UTF8.CodePage, TextEncodingDetector.Detect(sample, "a.csv").CodePage);
    }

    [Fact]
    public void Detect_Utf8WithoutBom_Utf8()
    {
        Assert.Equal(Encoding.UTF8.CodePage, TextEncodingDetector.Detect(Encoding.UTF8.GetBytes("姓名,身份证号"), "a.csv").CodePage);
    }

    [Fact]
    public void Detect_Gb18030Bytes_Gb18030()
    {
        var bytes = TextEncodingDetector.Gb18030.GetBytes("姓名,身份证号");

        Assert.Equal(TextEncodingDetector.Gb18030.CodePage, TextEncodingDetector.Detect(bytes, "a.csv").CodePage);
    }

    [Fact]
    public void Detect_SampleEndsInsideUtf8Character_StillUtf8()
    {
        var bytes = Encoding.UTF8.GetBytes("姓名");

        Assert.Equal(Encoding.UTF8.CodePage, TextEncodingDetector.Detect(bytes.AsSpan(0, bytes.Length - 1), "a.csv").CodePage);
    }

    [Fact]
    public void Detect_NulBytes_ThrowsNamingFileAndBinary()
    {
        var error = Assert.Throws<InputFileException>(() => TextEncodingDetector.Detect([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00], "data/people.csv"));

        Assert.Contains("people.csv", error.Message, StringComparison.Ordinal);
        Assert.Contains("binary", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_EmptySample_ThrowsEmpty()
    {
        var error = Assert.Throws<InputFileException>(() => TextEncodingDetector.Detect([], "people.csv"));

        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }
}
