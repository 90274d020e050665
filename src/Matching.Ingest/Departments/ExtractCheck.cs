using Matching.Core.Errors;
using Matching.Core.Localization;
using Matching.Ingest.HeaderMaps;
using Matching.Ingest.Localization;

namespace Matching.Ingest.Departments;

/// <summary>
/// Whether a file is an extract of the department it is imported as: not one of our own warning workbooks sent back
/// (they carry 预警编号), and carrying the columns every real extract of the department has
/// (<see cref="HeaderMap.AlwaysHas"/>). Another department's list in the wrong folder is refused with what it looks like.
/// </summary>
public static class ExtractCheck
{
    /// <summary>The column every warning workbook carries; no department extract has it.</summary>
    public const string WarningIdHeader = "预警编号";

    /// <exception cref="InputFileException">The file is a warning workbook, or lacks the department's columns.</exception>
    public static void Verify(SourceTable table, HeaderMapCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(catalog);
        var map = table.Map;
        // Every form of each header, as the columns were mapped (个人自付（元） is a 个人自付 column).
        var headers = table.Headers.SelectMany(HeaderText.Forms).Where(h => h.Length > 0).ToHashSet(StringComparer.Ordinal);
        if (headers.Contains(HeaderText.Normalize(WarningIdHeader)))
        {
            throw new InputFileException(table.File,
                Text.Format("WarningWorkbookNotExtract", WarningIdHeader, map.Source),
                table.HeaderRow);
        }

        var missing = Missing(map, headers).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var columns = TextList.Join(table.Headers.Where(h => h.Trim().Length > 0).Take(12).Select(h => h.Trim()));
        var likely = catalog.Departments.Select(catalog.Get)
            .Where(m => m.Source != map.Source && m.AlwaysHas.Count > 0 && !Missing(m, headers).Any())
            .Select(m => m.Source).FirstOrDefault();
        var instead = likely is null ? string.Empty : Text.Format("LooksLike", likely);
        throw new InputFileException(table.File,
            Text.Format("NotExtract", map.Source, map.Label, string.Join(Text.Get("NotExtractNor"), missing), columns, instead),
            table.HeaderRow);
    }

    /// <summary>Each group of <see cref="HeaderMap.AlwaysHas"/> no header satisfies, described by its accepted headers.</summary>
    private static IEnumerable<string> Missing(HeaderMap map, HashSet<string> headers)
    {
        foreach (var group in map.AlwaysHas)
        {
            var found = group.Any(field => map.Fields.TryGetValue(field, out var spec) && spec.Headers.Any(h => headers.Contains(HeaderText.Normalize(h))));
            if (!found)
            {
                yield return string.Join(Text.Get("NotExtractOr"), group.Select(field =>
                    map.Fields.TryGetValue(field, out var spec) && spec.Headers.Count > 0 ? $"{spec.Headers[0]} ({string.Join("/", spec.Headers)})" : field));
            }
        }
    }
}
