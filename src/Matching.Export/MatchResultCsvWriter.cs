using System.Globalization;
using System.Text;
using CsvHelper;
using Matching.Core.Errors;
using Matching.Core.Identity;
using Matching.Core.Linkage;
using Matching.Export.Localization;

namespace Matching.Export;

/// <summary>
/// Writes the match result CSV of CONTRACT.md: UTF-8 with BOM, comma-separated, one row per source data row:
/// <c>source_row,raw_id,raw_name,status,matched_id,method,confidence,reason</c>.
/// </summary>
public sealed class MatchResultCsvWriter : IDisposable
{
    public static readonly string[] Columns = ["source_row", "raw_id", "raw_name", "status", "matched_id", "method", "confidence", "reason"];

    private readonly AtomicFile _file;
    private readonly CsvWriter _csv;
    private readonly byte[] _id = new byte[IdNumber.Length];
    private string? _reason;
    private byte[] _reasonUtf8 = new byte[256];
    private int _reasonLength;

    /// <summary>Starts the result CSV; it appears under <paramref name="path"/> only on <see cref="Complete"/>.</summary>
    public MatchResultCsvWriter(string path)
    {
        // Hashed as written: the access audit keeps the file's SHA-256 without reading 80 MB back.
        _file = AtomicFile.Create(path, hashed: true);

        // A value typed as "=1+2" must not become a formula when a clerk opens the file in Excel: the cells as typed are
        // escaped as CsvHelper's CsvInjection.Escape would (WriteText), and only they. The option itself would ask it of
        // all eight fields of every row, the numbers and codes too: a fifth of the writing thread of a 1M-row match.
        // Every record is the eight fields of Write (the field count is not checked again per record), written in
        // blocks of 256 KB (fewer writes and hand-overs to the hashing thread than CsvHelper's 64 KB): the loop of a
        // 1M-row match 394 -> 375 ms (medians of 12 interleaved rounds).
        _csv = CsvWriter.Create(_file.Stream, new CsvWriterOptions
        {
            WriteByteOrderMark = true,
            ValidateFieldCount = false,
            BufferSize = 256 * 1024,
        }, leaveOpen: true);
        _csv.WriteHeader(Columns);
    }

    /// <param name="sourceRow">The row number a spreadsheet shows.</param>
    /// <param name="rawId">The ID cell as typed, in UTF-8 (copied as read: no round trip through UTF-16).</param>
    /// <param name="rawName">The name cell as typed, in UTF-8.</param>
    /// <param name="result">The match.</param>
    /// <param name="matched">The matched person's ID, when matched.</param>
    public void Write(long sourceRow, ReadOnlySpan<byte> rawId, ReadOnlySpan<byte> rawName, in MatchResult result, IdNumber? matched)
    {
        _csv.WriteField(sourceRow, default);
        WriteText(rawId);
        WriteText(rawName);
        _csv.WriteField(MatchText.Utf8(result.Status));
        if (matched is { } found && result.Parsed.IsExact && result.Parsed.Id == found && rawId.Length == IdNumber.Length)
        {
            // Found as typed: the cell was this very ID in its canonical form (18 characters needing no repair), so
            // its bytes are the matched ID's; most matched rows are these.
            _csv.WriteField(rawId);
        }
        else if (matched is { } id)
        {
            IdNumber.Write(id.Key, _id);
            _csv.WriteField(_id.AsSpan());
        }
        else
        {
            _csv.WriteField(ReadOnlySpan<byte>.Empty);
        }

        _csv.WriteField(MatchText.Utf8(result.Method));
        WriteConfidence(result.Confidence);
        WriteReason(result.Reason);
        _csv.EndRecord();
    }

    private void WriteConfidence(double confidence)
    {
        // Nearly every row carries 1 or 0: no number formatting for those.
        if (confidence == 1)
        {
            _csv.WriteField("1"u8);
            return;
        }

        if (confidence == 0)
        {
            _csv.WriteField("0"u8);
            return;
        }

        Span<byte> text = stackalloc byte[8];
        confidence.TryFormat(text, out var n, "0.###", CultureInfo.InvariantCulture);
        _csv.WriteField(text[..n]);
    }

    private void WriteReason(string? reason)
    {
        if (reason is null)
        {
            _csv.WriteField(ReadOnlySpan<byte>.Empty);
            return;
        }

        // Most reasons are one of a few constants ("not in the low-income database" on most rows): encoded once
        // while the same string comes back, not once per row.
        if (!ReferenceEquals(reason, _reason))
        {
            var size = Encoding.UTF8.GetMaxByteCount(reason.Length);
            if (_reasonUtf8.Length < size)
            {
                _reasonUtf8 = new byte[Math.Max(size, 2 * _reasonUtf8.Length)];
            }

            _reasonLength = Encoding.UTF8.GetBytes(reason, _reasonUtf8);
            _reason = reason;
        }

        WriteText(_reasonUtf8.AsSpan(0, _reasonLength));
    }

    /// <summary>
    /// Writes text: as it is, unless it starts with a character that makes a spreadsheet run it as a formula
    /// (<see cref="CsvWriterOptions.InjectionCharacters"/>: = @ + - tab CR); then with
    /// <see cref="CsvWriterOptions.InjectionEscape"/> in front, and quoted, as CsvHelper's Escape does.
    /// </summary>
    private void WriteText(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty || !Injection.Starts(text[0]))
        {
            _csv.WriteField(text);
            return;
        }

        // Rare: a cell such as "=1+2" or "-" (a blank typed as a dash).
        var escaped = new char[1 + Encoding.UTF8.GetCharCount(text)];
        escaped[0] = Injection.Escape;
        Encoding.UTF8.GetChars(text, escaped.AsSpan(1));
        _csv.WriteField(escaped, CsvQuoting.Always);
    }

    /// <summary>The SHA-256 of the file as written, in lower-case hex, once <see cref="Complete"/> has put it under its name.</summary>
    public string? Sha256 => _file.Sha256;

    /// <summary>
    /// Writes the rest, flushes the file to disk and puts it under its name. A writer disposed without it leaves
    /// nothing behind (and an earlier file of that name as it was).
    /// </summary>
    public void Complete()
    {
        try
        {
            // Left open: this writes the rest into the file, which the commit then flushes to disk.
            _csv.Dispose();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _file.Dispose();
            throw new MatchingException(Text.Format("CannotWrite", _file.Path, ex.Message), ex);
        }

        _file.Commit();
    }

    public void Dispose()
    {
        try
        {
            _csv.Dispose();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Flushing into a file that is being discarded: nothing to keep.
        }

        _file.Dispose();
    }

    /// <summary>CsvHelper's own injection characters and escape, as a table of the ASCII bytes.</summary>
    private static class Injection
    {
        private static readonly bool[] Characters = Table();

        public static char Escape { get; } = CsvWriterOptions.Default.InjectionEscape;

        public static bool Starts(byte first) => first < Characters.Length && Characters[first];

        private static bool[] Table()
        {
            var table = new bool[128];
            foreach (var c in CsvWriterOptions.Default.InjectionCharacters)
            {
                table[c] = true;
            }

            return table;
        }
    }
}
