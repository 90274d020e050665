using System.Globalization;
using System.Text;
using Matching.Core.Identity;
using Matching.Core.Population;

namespace Matching.Core.Linkage;

/// <summary>
/// Matches source rows to low-income persons. Order: the ID as typed or cleaned (exact, normalized, upgraded15);
/// then, for an 18-character ID that fails validation, its one-slip corrections, accepted only when exactly one
/// is in the database and its name agrees (corrected); then, for an ID that is damaged, missing or beyond repair,
/// name and birth date within the block of persons sharing the digits that survived (name_birthdate). An ID found
/// under another name is never a match.
/// </summary>
public sealed partial class Matcher(PopulationIndex population)
{
    /// <summary>Confidence of an ID match confirmed by the name (or exact as typed).</summary>
    public const double ConfirmedConfidence = 1.0;

    /// <summary>Confidence of an ID match the extract gave no name to confirm.</summary>
    public const double UnconfirmedConfidence = 0.97;

    /// <summary>Confidence of a corrected ID: the one correction in the database, with the same name.</summary>
    public const double CorrectedConfidence = 0.95;

    /// <summary>Confidence of a corrected ID among several in the database (twins) whose name alone agrees.</summary>
    public const double CorrectedAmongSeveralConfidence = 0.9;

    /// <summary>Confidence of an ID match whose name agrees but for a rare-character stand-in (王*, 王yan).</summary>
    public const double StandInConfidence = 0.9;

    /// <summary>What a reason says when a name agreed only without the clerk's note on it (张三（已故）, 王芳2).</summary>
    private const string AnnotationSetAside = "an annotation on the name set aside";

    /// <summary>Matches one row.</summary>
    /// <param name="rawId">The ID cell as typed.</param>
    /// <param name="rawName">The name cell; empty when the extract has no name column.</param>
    /// <param name="rawBirthDate">A birth-date cell, where the extract has one (used only when the ID is unusable).</param>
    public MatchResult Match(ReadOnlySpan<char> rawId, ReadOnlySpan<char> rawName, ReadOnlySpan<char> rawBirthDate = default)
    {
        // A name cell of spaces (also U+3000) is a missing name, not a different one.
        rawName = rawName.Trim();
        Span<char> buffer = stackalloc char[IdNormalizer.MaxLength];
        var parsed = IdParser.Parse(rawId, buffer);
        if (parsed.IsValid)
        {
            return MatchValid(parsed, rawName);
        }

        var unmatched = new MatchResult(MatchStatus.Rejected, MatchMethod.None, -1, 0, parsed.Reason, parsed, MatchMiss.Unusable);
        if (parsed.Kind == IdKind.SeventeenDigits)
        {
            // A reading whose name agrees decides; else the block of the digits decides, as for any 17 digits.
            unmatched = MatchSeventeen(parsed, buffer[..parsed.Length], rawName);
            if (unmatched.IsMatched)
            {
                return unmatched;
            }
        }
        else if (parsed.IsCorrectable)
        {
            unmatched = MatchCorrected(parsed, buffer[..IdNumber.Length], rawName);

            // A one-slip correction decides, except for Excel's lost digits (…000): there the corrections are
            // strangers to the true ID, and the digits that survived still lead to the person.
            if (unmatched.IsMatched || (unmatched.Status == MatchStatus.Unmatched && parsed.Kind != IdKind.ExcelDamaged))
            {
                return unmatched;
            }
        }

        var normalized = buffer[..Math.Min(parsed.Length, IdNormalizer.MaxLength)];
        return MatchByNameAndBirth(parsed, normalized, rawName, rawBirthDate, unmatched.Reason ?? parsed.Reason) ?? unmatched;
    }

    /// <summary>
    /// Matches one row whose ID cell the caller has already parsed (<see cref="IdParser.Parse(ReadOnlySpan{char})"/>
    /// of <paramref name="rawId"/>), e.g. to look a batch of rows up at once (<see cref="PopulationIndex.Warm"/>).
    /// </summary>
    public MatchResult Match(in IdParseResult parsed, ReadOnlySpan<char> rawId, ReadOnlySpan<char> rawName, ReadOnlySpan<char> rawBirthDate = default) =>
        parsed.IsValid ? MatchValid(parsed, rawName.Trim()) : Match(rawId, rawName, rawBirthDate);

    private MatchResult MatchValid(IdParseResult parsed, ReadOnlySpan<char> rawName)
    {
        var method = parsed.Kind switch
        {
            IdKind.Valid15 or IdKind.DisabilityCertificate15 => MatchMethod.Upgraded15,
            _ when parsed.IsExact => MatchMethod.Exact,
            _ => MatchMethod.Normalized,
        };

        if (!population.TryFind(parsed.Id.Key, out var person))
        {
            var why = method == MatchMethod.Exact ? "not in the low-income database" : $"{Describe(parsed)}; not in the low-income database";
            return new MatchResult(MatchStatus.Unmatched, MatchMethod.None, -1, 0, why, parsed, MatchMiss.NotInDatabase);
        }

        if (rawName.IsEmpty)
        {
            return new MatchResult(MatchStatus.Matched, method, person, UnconfirmedConfidence,
                method == MatchMethod.Exact ? "no name to confirm" : $"{Describe(parsed)}; no name to confirm", parsed);
        }

        var name = population.Name(person);
        var similarity = PersonName.Similarity(rawName, name);
        if (similarity >= PersonName.AgreeThreshold)
        {
            return new MatchResult(MatchStatus.Matched, method, person, ConfirmedConfidence,
                method == MatchMethod.Exact ? null : Describe(parsed), parsed);
        }

        // Not the same as typed: a clerk's annotation (张三（已故）) or a rare-character stand-in (王*) may be why.
        var compared = PersonName.Compare(rawName, name);
        if (compared.Agreement == NameAgreement.Disagree)
        {
            var why = string.Create(CultureInfo.InvariantCulture,
                $"{MatchResult.NameMismatch}: {parsed.Id.Masked} is in the database under another name (similarity {similarity:0.00})");
            return new MatchResult(MatchStatus.Unmatched, MatchMethod.None, -1, 0, why, parsed, MatchMiss.NameMismatch);
        }

        var said = compared.IsCompatible ? "name agrees but for a rare-character stand-in" : null;
        said = compared.AnnotationSetAside ? Join(said, AnnotationSetAside) : said;
        return new MatchResult(MatchStatus.Matched, method, person, compared.IsCompatible ? StandInConfidence : ConfirmedConfidence,
            method == MatchMethod.Exact ? said : Join(Describe(parsed), said), parsed);
    }

    private static string? Join(string? first, string? second) =>
        first is null ? second : second is null ? first : $"{first}; {second}";

    private MatchResult MatchCorrected(IdParseResult parsed, ReadOnlySpan<char> normalized18, ReadOnlySpan<char> rawName)
    {
        Span<long> candidates = stackalloc long[IdCorrections.MaxCandidates];
        var count = IdCorrections.Candidates(normalized18, candidates);
        Span<int> found = stackalloc int[IdCorrections.MaxCandidates];
        var inDb = 0;
        for (var i = 0; i < count; i++)
        {
            if (population.TryFind(candidates[i], out var person))
            {
                found[inDb++] = person;
            }
        }

        var weighed = string.Create(CultureInfo.InvariantCulture, $"{parsed.Reason}; {inDb} of {count} corrections in the database");
        if (inDb == 0)
        {
            return new MatchResult(MatchStatus.Rejected, MatchMethod.None, -1, 0, weighed, parsed, MatchMiss.Unusable);
        }

        var list = ListMasked(found[..inDb]);
        if (inDb > 1)
        {
            // Twins: a slip in the sequence digits can be one slip from both. Their names tell them apart; if
            // exactly one candidate's name agrees and no other's even could, that one is meant.
            var named = SingleAgreeing(found[..inDb], rawName, out var annotated);
            return named >= 0
                ? new MatchResult(MatchStatus.Matched, MatchMethod.Corrected, named, CorrectedAmongSeveralConfidence,
                    annotated ? $"{weighed} ({list}): only one name agrees; {AnnotationSetAside}" : $"{weighed} ({list}): only one name agrees", parsed)
                : new MatchResult(MatchStatus.Unmatched, MatchMethod.None, -1, 0, $"{weighed} ({list}): ambiguous", parsed, MatchMiss.Ambiguous);
        }

        var only = found[0];
        if (rawName.IsEmpty)
        {
            return new MatchResult(MatchStatus.Unmatched, MatchMethod.None, -1, 0, $"{weighed} ({list}): no name to confirm", parsed, MatchMiss.NoNameToConfirm);
        }

        var compared = PersonName.Compare(rawName, population.Name(only));
        if (!compared.Agrees)
        {
            return new MatchResult(MatchStatus.Unmatched, MatchMethod.None, -1, 0, $"{weighed} ({list}): name disagrees", parsed, MatchMiss.NameDisagrees);
        }

        return new MatchResult(MatchStatus.Matched, MatchMethod.Corrected, only, CorrectedConfidence,
            compared.AnnotationSetAside ? $"{weighed} ({list}): name agrees; {AnnotationSetAside}" : $"{weighed} ({list}): name agrees", parsed);
    }

    /// <summary>
    /// The one person whose name agrees when no other's is even compatible; else -1. <paramref name="annotated"/>:
    /// it agrees only without a clerk's note on a name.
    /// </summary>
    private int SingleAgreeing(ReadOnlySpan<int> persons, ReadOnlySpan<char> rawName, out bool annotated)
    {
        annotated = false;
        if (rawName.IsEmpty)
        {
            return -1;
        }

        var agreeing = -1;
        foreach (var person in persons)
        {
            var compared = PersonName.Compare(rawName, population.Name(person));
            if (compared.Agrees)
            {
                if (agreeing >= 0)
                {
                    return -1;
                }

                agreeing = person;
                annotated = compared.AnnotationSetAside;
            }
            else if (compared.IsCompatible)
            {
                return -1;
            }
        }

        return agreeing;
    }

    private string ListMasked(ReadOnlySpan<int> persons)
    {
        var text = new StringBuilder();
        foreach (var person in persons)
        {
            if (text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(population.Id(person).Masked);
        }

        return text.ToString();
    }

    private static string Describe(IdParseResult parsed)
    {
        if (parsed.Kind == IdKind.Valid15)
        {
            return "15-digit ID upgraded to 18";
        }

        if (parsed.Kind == IdKind.DisabilityCertificate15)
        {
            return "15-digit ID taken from a 17-digit disability certificate number, upgraded to 18";
        }

        var parts = new List<string>(4);
        if (parsed.Kind == IdKind.DisabilityCertificate)
        {
            parts.Add("ID taken from a disability certificate number");
        }

        AddRepair(parts, parsed.Repairs, IdRepairs.Whitespace, "spaces removed");
        AddRepair(parts, parsed.Repairs, IdRepairs.FullWidth, "full-width characters folded");
        AddRepair(parts, parsed.Repairs, IdRepairs.LowercaseX, "lowercase x");
        AddRepair(parts, parsed.Repairs, IdRepairs.Apostrophe, "leading apostrophe removed");
        AddRepair(parts, parsed.Repairs, IdRepairs.TrailingDecimal, "trailing .0 removed");
        return string.Join(", ", parts);
    }

    private static void AddRepair(List<string> parts, IdRepairs repairs, IdRepairs flag, string text)
    {
        if ((repairs & flag) != 0)
        {
            parts.Add(text);
        }
    }
}
