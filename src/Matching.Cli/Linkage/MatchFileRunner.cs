using System.Runtime.CompilerServices;
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
    private const int WarmRows = 64;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static MatchSummary Run(SourceTable table, PopulationIndex population, string outPath)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(population);
        var summary = new MatchSummary();
        var matcher = new Matcher(population);
        var birthColumn = table.Column(HeaderMap.BirthDateField);
        var columns = (table.Column(HeaderMap.IdField), table.Column(HeaderMap.NameField), birthColumn);
        using var writer = new MatchResultCsvWriter(outPath);

        // Only an unusable ID falls back to the blocks (a sort of the whole population): sorted on a third thread from
        // the first such row on, while the rows before it are matched. A file without one never sorts, and nothing
        // waits for the sort but a row that needs it.
        using var rows = new RowPipeline(table, columns, () => population.PrepareBlocksAsync(byBirth: birthColumn >= 0));
        while (rows.Next() is { } batch)
        {
            for (var from = 0; from < batch.Count; from += WarmRows)
            {
                var to = Math.Min(from + WarmRows, batch.Count);
                population.Warm(batch.Keys[from..to]);
                var row = batch.Rows;
                for (var i = from; i < to; i++)
                {
                    var result = row.HasExtraCells(i)
                        ? ExtraCells(row.FieldCount(i), table.Headers.Count)
                        : matcher.Match(batch.Parsed(i), row.Id(i), row.Name(i), row.BirthDate(i));
                    IdNumber? matched = result.IsMatched ? population.Id(result.Person) : null;
                    writer.Write(row.SourceRow(i), row.IdUtf8(i), row.NameUtf8(i), result, matched);
                    summary.Add(result);
                }
            }

            rows.Return(batch);
        }

        writer.Complete();
        summary.ResultSha256 = writer.Sha256;
        return summary;
    }

    /// <summary>
    /// Reads the file once for the persons its rows can touch (<see cref="Matcher.Gather"/>): what the database is
    /// asked for when the population is too large to load whole.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
