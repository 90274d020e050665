using Matching.Core.Identity;
using Matching.Core.Matching;
using Matching.Core.Population;
using Matching.Export;
using Matching.Ingest;
using Matching.Ingest.HeaderMaps;

namespace Matching.Cli.Matching;

/// <summary>
/// Streams one department file through the matcher into the result CSV: one output row per data row, the
/// low-income index loaded once beforehand, no database query per row, no string built for a clean ID.
/// </summary>
internal static class MatchFileRunner
{
    private const int ScratchChars = 256;

    public static MatchSummary Run(SourceTable table, PopulationIndex population, string outPath)
    {
        ArgumentNullException.ThrowIfNull(table);
        var summary = new MatchSummary();
        var matcher = new Matcher(population);
        var idColumn = table.Column(HeaderMap.IdField);
        var nameColumn = table.Column(HeaderMap.NameField);
        var birthColumn = table.Column(HeaderMap.BirthDateField);
        var blocks = population.PrepareBlocksAsync(byBirth: birthColumn >= 0);
        Span<char> idScratch = stackalloc char[ScratchChars];
        Span<char> nameScratch = stackalloc char[ScratchChars];
        Span<char> birthScratch = stackalloc char[ScratchChars];
        Span<byte> idUtf8Scratch = stackalloc byte[ScratchChars];
        Span<byte> nameUtf8Scratch = stackalloc byte[ScratchChars];
        using var writer = new MatchResultCsvWriter(outPath);
        while (table.Read())
        {
            var rawId = table.Reader.GetSpan(idColumn, idScratch);
            var rawName = nameColumn < 0 ? [] : table.Reader.GetSpan(nameColumn, nameScratch);
            var rawBirth = birthColumn < 0 ? [] : table.Reader.GetSpan(birthColumn, birthScratch);
            var result = table.HasExtraCells ? ExtraCells(table) : matcher.Match(rawId, rawName, rawBirth);
            IdNumber? matched = result.IsMatched ? population.Id(result.Person) : null;
            // The raw cells are copied to the output as read, not re-encoded from UTF-16.
            var rawIdUtf8 = table.Reader.GetUtf8(idColumn, idUtf8Scratch);
            var rawNameUtf8 = nameColumn < 0 ? [] : table.Reader.GetUtf8(nameColumn, nameUtf8Scratch);
            writer.Write(table.Reader.SourceRow, rawIdUtf8, rawNameUtf8, result, matched);
            summary.Add(result);
        }

        blocks.GetAwaiter().GetResult();
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
    private static MatchResult ExtraCells(SourceTable table) => new(MatchStatus.Rejected, MatchMethod.None, -1, 0,
        $"the row has {table.Reader.FieldCount} cells but the header {table.Headers.Count}: a stray separator?", default);
}
