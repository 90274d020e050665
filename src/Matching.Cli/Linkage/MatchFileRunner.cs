using Matching.Core.Identity;
using Matching.Core.Linkage;
using Matching.Core.Population;
using Matching.Export;
using Matching.Ingest;
using Matching.Ingest.HeaderMaps;

namespace Matching.Cli.Linkage;

/// <summary>
/// Streams one department file through the matcher into the result CSV: one output row per data row, the
/// low-income index loaded once beforehand, no database query per row, no string built for a clean ID.
/// </summary>
internal static class MatchFileRunner
{
    private const int ScratchChars = 256;

    /// <summary>
    /// Rows looked up together (<see cref="PopulationIndex.Warm"/>): enough for their cache misses to overlap, few
    /// enough for their slots to stay in cache until they are matched.
    /// </summary>
    private const int BatchRows = 64;

    public static MatchSummary Run(SourceTable table, PopulationIndex population, string outPath)
    {
        ArgumentNullException.ThrowIfNull(table);
        var summary = new MatchSummary();
        var matcher = new Matcher(population);
        var idColumn = table.Column(HeaderMap.IdField);
        var nameColumn = table.Column(HeaderMap.NameField);
        var birthColumn = table.Column(HeaderMap.BirthDateField);
        var blocksStarted = false;
        var batch = new RowBatch(BatchRows);
        var parsed = new IdParseResult[BatchRows];
        Span<long> keys = stackalloc long[BatchRows];
        Span<char> idBuffer = stackalloc char[IdNormalizer.MaxLength];
        using var writer = new MatchResultCsvWriter(outPath);
        while (batch.Fill(table, idColumn, nameColumn, birthColumn))
        {
            for (var i = 0; i < batch.Count; i++)
            {
                parsed[i] = IdParser.Parse(batch.Id(i), idBuffer);
                keys[i] = parsed[i].IsValid ? parsed[i].Id.Key : 0;
                if (!parsed[i].IsValid && !blocksStarted)
                {
                    // Only an unusable ID falls back to the blocks (a sort of the whole population): sorted on the
                    // other core from the first such row on, while this batch's other rows are matched. A file
                    // without one never sorts; nothing waits for the sort but a row that needs it.
                    _ = population.PrepareBlocksAsync(byBirth: birthColumn >= 0);
                    blocksStarted = true;
                }
            }

            population.Warm(keys[..batch.Count]);
            for (var i = 0; i < batch.Count; i++)
            {
                var result = batch.HasExtraCells(i)
                    ? ExtraCells(batch.FieldCount(i), table.Headers.Count)
                    : matcher.Match(parsed[i], batch.Id(i), batch.Name(i), batch.BirthDate(i));
                IdNumber? matched = result.IsMatched ? population.Id(result.Person) : null;
                writer.Write(batch.SourceRow(i), batch.IdUtf8(i), batch.NameUtf8(i), result, matched);
                summary.Add(result);
            }
        }

        writer.Complete();
        return summary;
    }

    /// <summary>
    /// Reads the file once for the persons its rows can touch (<see cref="Matcher.Gather"/>): what the database is
    /// asked for when the population is too large to load whole.
    /// </summary>
    public static PopulationNeeds Gather(SourceTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var needs = new PopulationNeeds();
        var idColumn = table.Column(HeaderMap.IdField);
        var birthColumn = table.Column(HeaderMap.BirthDateField);
        Span<char> idScratch = stackalloc char[ScratchChars];
        Span<char> birthScratch = stackalloc char[ScratchChars];
        while (table.Read())
        {
            if (!table.HasExtraCells)
            {
                Matcher.Gather(table.Reader.GetSpan(idColumn, idScratch), birthColumn < 0 ? [] : table.Reader.GetSpan(birthColumn, birthScratch), needs);
            }
        }

        return needs;
    }

    /// <summary>A row with more cells than the header is shifted: its ID column cannot be trusted.</summary>
    private static MatchResult ExtraCells(int cells, int headers) => new(MatchStatus.Rejected, MatchMethod.None, -1, 0,
        SourceTable.ExtraCellsReason(cells, headers), default);
}
