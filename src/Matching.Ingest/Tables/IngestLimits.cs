using Matching.Ingest.Localization;
namespace Matching.Ingest.Tables;

/// <summary>
/// Bounds that keep a hostile or broken file from exhausting the machine. Set in the <c>ingest</c> section of
/// <c>matching.json</c>; a file beyond one is refused whole, with the limit named.
/// </summary>
public sealed record IngestLimits
{
    /// <value>Largest file accepted, in bytes. Default 2 GiB.</value>
    public long MaxFileBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <value>Most data rows in one file. Default 20,000,000.</value>
    public long MaxRows { get; init; } = 20_000_000;

    /// <value>Longest cell accepted, in characters. Default 32,767 (Excel's own limit).</value>
    public int MaxCellChars { get; init; } = 32_767;

    /// <value>Largest CSV record (one row), in bytes; at least 64 KiB, the reader's own buffer. Default 1 MiB.</value>
    public int MaxRecordBytes { get; init; } = 1 << 20;

    /// <value>Most columns a row may use. Default 512.</value>
    public int MaxColumns { get; init; } = 512;

    /// <value>
    /// Largest part of an .xlsx (a sheet, the shared strings, styles…) once unpacked, in bytes, as the zip declares it;
    /// .NET never unpacks more than an entry declares. Default 2 GiB.
    /// </value>
    public long MaxXlsxPartBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <value>
    /// Largest shared-strings part of an .xlsx once unpacked, in bytes. The reader holds every shared string in memory
    /// before the first row, so this bounds what a small file can make it allocate (a zip bomb). Default 256 MiB:
    /// several million distinct cells, far more than a million-person export has.
    /// </value>
    public long MaxSharedStringsBytes { get; init; } = 256L * 1024 * 1024;

    /// <value>How many rows from the top are searched for the header row. Default 20.</value>
    public int HeaderScanRows { get; init; } = 20;

    /// <value>Largest amount a cell may hold, in yuan (either sign). Default 100,000,000: a bill or a loss beyond it is
    /// a typing error, and sums of amounts within it cannot overflow.</value>
    public decimal MaxAmount { get; init; } = 100_000_000m;

    /// <value>Earliest date a date cell may hold. Default 1900-01-01.</value>
    public DateOnly MinDate { get; init; } = new(1900, 1, 1);

    /// <value>Latest date a date cell may hold. Default 2100-12-31.</value>
    public DateOnly MaxDate { get; init; } = new(2100, 12, 31);

    /// <value>
    /// A snapshot (a department's list, or the low-income population) with fewer accepted rows than this share of
    /// the current one's is refused unless the operator passes <c>--accept-shrink</c>; rows with a usable ID are
    /// measured the same way. Default 0.5.
    /// </value>
    public double MinShareOfCurrent { get; init; } = 0.5;

    /// <value>
    /// A field an enabled rule needs whose column is empty in more than this share of a file's rows (of its households,
    /// for the population's income) is reported at import, by <c>run</c> and by <c>status</c>: the rule cannot fire for
    /// those rows. Default 0.5.
    /// </value>
    public double MaxEmptyShare { get; init; } = 0.5;

    public static IngestLimits Default { get; } = new();

    /// <summary>Every setting that is out of range, named as in matching.json; empty when all are fine.</summary>
    public IEnumerable<string> Problems()
    {
        if (MaxFileBytes <= 0)
        {
            yield return Text.Get("LimitMaxFileBytes");
        }

        if (MaxRows <= 0)
        {
            yield return Text.Get("LimitMaxRows");
        }

        if (MaxCellChars <= 0)
        {
            yield return Text.Get("LimitMaxCellChars");
        }

        if (MaxRecordBytes < 65_536)
        {
            yield return Text.Get("LimitMaxRecordBytes");
        }

        if (MaxColumns is <= 0 or > 16_384)
        {
            yield return Text.Get("LimitMaxColumns");
        }

        if (MaxXlsxPartBytes <= 0)
        {
            yield return Text.Get("LimitMaxXlsxPartBytes");
        }

        if (MaxSharedStringsBytes <= 0 || MaxSharedStringsBytes > MaxXlsxPartBytes)
        {
            yield return Text.Get("LimitMaxSharedStringsBytes");
        }

        if (HeaderScanRows is <= 0 or > 1000)
        {
            yield return Text.Get("LimitHeaderScanRows");
        }

        if (MaxAmount is <= 0 or > 1_000_000_000m)
        {
            yield return Text.Get("LimitMaxAmount");
        }

        if (MinDate >= MaxDate)
        {
            yield return Text.Get("LimitDates");
        }

        if (MinShareOfCurrent is < 0 or > 1 || double.IsNaN(MinShareOfCurrent))
        {
            yield return Text.Get("LimitMinShare");
        }

        if (MaxEmptyShare is < 0 or > 1 || double.IsNaN(MaxEmptyShare))
        {
            yield return Text.Get("LimitMaxEmptyShare");
        }
    }
}
