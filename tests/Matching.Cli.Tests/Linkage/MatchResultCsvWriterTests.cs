using System.Globalization;
using System.Text;
using CsvHelper;
using Matching.Core.Identity;
using Matching.Core.Linkage;
using Matching.Export;
using Matching.Testing;

namespace Matching.Cli.Tests.Linkage;

/// <summary>
/// The result CSV escapes the cells as typed itself (only they can hold a formula): byte for byte what CsvHelper's
/// <see cref="CsvInjection.Escape"/> writes when asked of every field.
/// </summary>
public sealed class MatchResultCsvWriterTests : IDisposable
{
    private readonly TempFolder _temp = new("result-csv-");

    public static TheoryData<string> Cells => new()
    {
        "", "=1+2", "@SUM(A1)", "+86", "-", "-1", "\tx", "\rx", "=a,b", "=\"q\"", "'=1", " =1", "a=1", "李雷",
        "=李雷", "110101199003077777", "1.10101E+17", "a,b", "say \"hi\"", "line\nbreak", "\r", "=",
    };

    [Theory]
    [MemberData(nameof(Cells))]
    public void Write_CellAsTyped_AsCsvHelperEscapeWritesIt(string cell)
    {
        var id = TestIds.Valid(1);
        var lowerX = TestIds.WithCheck('X', new DateOnly(1990, 3, 7));
        var rows = new (string Id, string Name, MatchResult Result, IdNumber? Matched)[]
        {
            (cell, "王五", new MatchResult(MatchStatus.Unmatched, MatchMethod.None, -1, 0, "not found", default), null),
            ("110101199003077777", cell, new MatchResult(MatchStatus.Matched, MatchMethod.Exact, 0, 1, null, default), id),
            (cell, cell, new MatchResult(MatchStatus.Rejected, MatchMethod.None, -1, 0, cell, default), null),
            (cell, cell, new MatchResult(MatchStatus.Matched, MatchMethod.Normalized, 0, 0.875, cell, default), id),
            (id.Value, cell, new MatchResult(MatchStatus.Matched, MatchMethod.Exact, 0, 1, null, IdParser.Parse(id.Value)), id),

            // The same ID typed with a small x (repaired, not exact): the matched ID is written as it is, with X.
            (lowerX.Value.ToLowerInvariant(), cell, new MatchResult(MatchStatus.Matched, MatchMethod.Normalized, 0, 1, null, IdParser.Parse(lowerX.Value.ToLowerInvariant())), lowerX),

            // An exact ID that is not the matched person's (a corrected match): the matched one is written.
            (id.Value, cell, new MatchResult(MatchStatus.Matched, MatchMethod.Exact, 0, 1, null, IdParser.Parse(id.Value)), TestIds.Valid(2)),
        };

        var actual = _temp.PathOf("actual.csv");
        using (var writer = new MatchResultCsvWriter(actual))
        {
            var row = 2L;
            foreach (var (raw, name, result, matched) in rows)
            {
                writer.Write(row++, Encoding.UTF8.GetBytes(raw), Encoding.UTF8.GetBytes(name), result, matched);
            }

            writer.Complete();
        }

        var expected = _temp.PathOf("expected.csv");
        using (var stream = File.Create(expected))
        using (var csv = CsvWriter.Create(stream, new CsvWriterOptions { WriteByteOrderMark = true, Injection = CsvInjection.Escape }))
        {
            csv.WriteHeader(MatchResultCsvWriter.Columns);
            var row = 2L;
            foreach (var (raw, name, result, matched) in rows)
            {
                csv.WriteField(row++, default);
                csv.WriteField(raw);
                csv.WriteField(name);
                csv.WriteField(MatchText.Utf8(result.Status));
                csv.WriteField(matched?.Value ?? "");
                csv.WriteField(MatchText.Utf8(result.Method));
                csv.WriteField(result.Confidence.ToString("0.###", CultureInfo.InvariantCulture));
                csv.WriteField(result.Reason ?? "");
                csv.EndRecord();
            }
        }

        Assert.Equal(File.ReadAllBytes(expected), File.ReadAllBytes(actual));
    }

    public void Dispose() => _temp.Dispose();
}
