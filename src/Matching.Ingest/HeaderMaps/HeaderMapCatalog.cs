using System.Text.Json;
using Matching.Core.Errors;
using Matching.Core.Localization;
using Matching.Ingest.Tables;
using Matching.Ingest.Localization;

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

    /// <summary>Largest header map file read: a map is a few KB; a huge one would slow every command down.</summary>
    public const long MaxFileBytes = 1 << 20;

    /// <summary>Longest source or receiver code.</summary>
    public const int MaxCodeLength = 64;

    private readonly Dictionary<string, HeaderMap> _maps;

    private HeaderMapCatalog(Dictionary<string, HeaderMap> maps) => _maps = maps;

    /// <summary>The folder shipped beside the program.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "HeaderMaps");

    /// <summary>The sources known, sorted: <c>lowincome</c>, the department codes and <c>labelled</c>.</summary>
    public IEnumerable<string> Sources => _maps.Keys.Order(StringComparer.Ordinal);

    /// <summary>The department codes, sorted.</summary>
    public IEnumerable<string> Departments => _maps.Values.Where(m => m.IsDepartment).Select(m => m.Source).Order(StringComparer.Ordinal);

    /// <summary>The departments whose files are ledgers (events that add up), as their header maps declare.</summary>
    public IReadOnlySet<string> Ledgers => _maps.Values.Where(m => m.Kind == SourceKind.Ledger).Select(m => m.Source).ToHashSet(StringComparer.Ordinal);

    public static HeaderMapCatalog Load(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new MatchingException(Text.Format("HeaderMapFolderMissing", directory));
        }

        var maps = new Dictionary<string, HeaderMap>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            var status = FileStatus.Of(file);
            if (status.Kind != FileKind.Regular)
            {
                throw new MatchingException(Text.Format("FileProblem", file, InputFile.NotRegular(file) ?? Text.Get("NotRegularFile")));
            }

            if (status.Size > MaxFileBytes)
            {
                throw new MatchingException(Text.Format("HeaderMapTooBig", file, status.Size, MaxFileBytes));
            }

            HeaderMap? map;
            try
            {
                map = JsonSerializer.Deserialize<HeaderMap>(File.ReadAllText(file), Json);
            }
            catch (UnknownWordException ex)
            {
                throw new MatchingException(Text.Format("HeaderMapWordUnknown", file, ex.Message, ex.Path ?? "$"), ex);
            }
            catch (JsonException ex)
            {
                throw new MatchingException(Text.Format("HeaderMapInvalid", file, ex.Message), ex);
            }

            var problem = map is null ? Text.Get("MapEmpty") : Validate(map);
            if (problem is not null)
            {
                throw new MatchingException(Text.Format("FileProblem", file, problem));
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

        var known = TextList.Join(Departments);
        throw new MatchingException(Text.Format("UnknownDepartment", source, known));
    }

    /// <summary>The header map of a department (a source that sends extracts), or an error naming what it is instead.</summary>
    public HeaderMap GetDepartment(string department)
    {
        var map = Get(department);
        return map.IsDepartment
            ? map
            : throw new MatchingException(Text.Format("NotADepartment", department));
    }

    /// <summary>
    /// Whether <paramref name="code"/> can be a source or receiver code: <c>[a-z][a-z0-9-]*</c>, at most
    /// <see cref="MaxCodeLength"/> characters. Codes name folders and files (rejects, outboxes, workbooks), so none may
    /// hold a path separator, <c>..</c> or a control character.
    /// </summary>
    public static bool IsCode(string? code)
    {
        if (string.IsNullOrEmpty(code) || code.Length > MaxCodeLength || !char.IsAsciiLetterLower(code[0]))
        {
            return false;
        }

        foreach (var c in code)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static string? Validate(HeaderMap map)
    {
        if (string.IsNullOrWhiteSpace(map.Source))
        {
            return Text.Get("MapSourceMissing");
        }

        if (!IsCode(map.Source))
        {
            return Text.Format("MapSourceNotCode", MaxCodeLength);
        }

        if (!string.IsNullOrEmpty(map.Receiver) && !IsCode(map.Receiver))
        {
            return Text.Format("MapReceiverNotCode", MaxCodeLength);
        }

        if (map.Fields is null || map.Values is null || map.Fields.Values.Any(f => f is null || f.Headers is null))
        {
            return Text.Get("MapNullParts");
        }

        if (!map.Fields.TryGetValue(HeaderMap.IdField, out var id) || id.Headers.Count == 0)
        {
            return Text.Get("MapIdMissing");
        }

        if (VocabularyProblem(map) is { } vocabulary)
        {
            return vocabulary;
        }

        try
        {
            _ = map.IsDepartment ? map.Layout() : null;
        }
        catch (ArgumentException ex)
        {
            return ex.Message;
        }

        var unknown = map.AlwaysHas.SelectMany(g => g).FirstOrDefault(f => !map.Fields.ContainsKey(f));
        if (unknown is not null || map.AlwaysHas.Any(g => g.Count == 0))
        {
            return Text.Format("MapAlwaysHasUnknown", unknown);
        }

        return map.Kind == SourceKind.Ledger ? ValidateLedger(map) : map.Ledger is null ? null : Text.Get("MapLedgerOnlyForLedger");
    }

    /// <summary>Every vocabulary reads (no spelling under two codes), flags have yes and no, and every code field has its vocabulary.</summary>
    private static string? VocabularyProblem(HeaderMap map)
    {
        try
        {
            foreach (var name in map.Values.Keys)
            {
                _ = map.GetVocabulary(name);
            }

            var flags = map.GetVocabulary(Vocabulary.FlagName);
            if (flags.Words.Count != 2 || !flags.Words.ContainsKey(Vocabulary.Yes) || !flags.Words.ContainsKey(Vocabulary.No))
            {
                return Text.Format("MapFlagCodes", Vocabulary.FlagName, Vocabulary.Yes, Vocabulary.No);
            }

        }
        catch (ArgumentException ex)
        {
            return Reason(ex);
        }

        foreach (var (name, spec) in map.Fields)
        {
            try
            {
                _ = spec.Type == Core.Departments.FieldType.Code ? map.GetVocabulary(map.VocabularyOf(name)) : null;
            }
            catch (ArgumentException ex)
            {
                return Text.Format("MapCodeFieldVocabulary", name, Reason(ex));
            }
        }

        return null;

        static string Reason(ArgumentException ex) => ex.Message.Split(" (Parameter", 2)[0];
    }

    private static string? ValidateLedger(HeaderMap map)
    {
        var ledger = map.Ledger ?? new LedgerOptions();
        bool Is(string field, Core.Departments.FieldType type) => map.Fields.TryGetValue(field, out var spec) && spec.Type == type;
        if (ledger.DateField.Length > 0 && !Is(ledger.DateField, Core.Departments.FieldType.Date))
        {
            return Text.Format("MapLedgerDateField", ledger.DateField);
        }

        if (ledger.RecordNumber.Length > 0 && !Is(ledger.RecordNumber, Core.Departments.FieldType.Text))
        {
            return Text.Format("MapLedgerRecordNumber", ledger.RecordNumber);
        }

        var badKey = ledger.Key.FirstOrDefault(f => !map.Fields.ContainsKey(f));
        if (badKey is not null)
        {
            return Text.Format("MapLedgerKeyUnknown", badKey);
        }

        return ledger.RetentionMonths is < 1 or > 1200 ? Text.Get("MapLedgerRetention") : null;
    }
}
