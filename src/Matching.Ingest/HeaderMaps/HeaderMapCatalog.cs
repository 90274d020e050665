using System.Text.Json;
using Matching.Core.Errors;

namespace Matching.Ingest.HeaderMaps;

/// <summary>Every source's <see cref="HeaderMap"/>, read from the <c>*.json</c> files of a folder.</summary>
public sealed class HeaderMapCatalog
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private readonly Dictionary<string, HeaderMap> _maps;

    private HeaderMapCatalog(Dictionary<string, HeaderMap> maps) => _maps = maps;

    /// <summary>The folder shipped beside the program.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "HeaderMaps");

    /// <summary>The sources known, sorted: <c>lowincome</c>, the department codes and <c>labelled</c>.</summary>
    public IEnumerable<string> Sources => _maps.Keys.Order(StringComparer.Ordinal);

    /// <summary>The department codes, sorted.</summary>
    public IEnumerable<string> Departments => _maps.Values.Where(m => m.IsDepartment).Select(m => m.Source).Order(StringComparer.Ordinal);

    public static HeaderMapCatalog Load(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new MatchingException($"{directory}: header map folder not found");
        }

        var maps = new Dictionary<string, HeaderMap>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            HeaderMap? map;
            try
            {
                map = JsonSerializer.Deserialize<HeaderMap>(File.ReadAllText(file), Json);
            }
            catch (JsonException ex)
            {
                throw new MatchingException($"{file}: not a valid header map: {ex.Message}", ex);
            }

            var problem = map is null ? "empty" : Validate(map);
            if (problem is not null)
            {
                throw new MatchingException($"{file}: {problem}");
            }

            maps[map!.Source] = map;
        }

        return new HeaderMapCatalog(maps);
    }

    public HeaderMap Get(string source)
    {
        if (_maps.TryGetValue(source, out var map))
        {
            return map;
        }

        var known = string.Join(", ", Departments);
        throw new MatchingException($"unknown department '{source}': known departments are {known}");
    }

    private static string? Validate(HeaderMap map)
    {
        if (string.IsNullOrWhiteSpace(map.Source))
        {
            return "'source' is missing";
        }

        if (map.Fields is null || map.Values is null || map.Fields.Values.Any(f => f is null || f.Headers is null))
        {
            return "'fields', 'values' and every field's 'headers' must not be null";
        }

        if (!map.Fields.TryGetValue(HeaderMap.IdField, out var id) || id.Headers.Count == 0)
        {
            return "the 'id' field and its headers are missing";
        }

        var badType = map.Fields.FirstOrDefault(f => !FieldTypes.IsKnown(f.Value.Type));
        return badType.Value is null ? null : $"field '{badType.Key}': unknown type '{badType.Value.Type}' (use text, date, amount or flag)";
    }
}
