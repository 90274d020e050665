using System.Globalization;
using Matching.Core.Identity;
using Matching.Core.Population;

namespace Matching.Core.Matching;

public sealed partial class Matcher
{
    /// <summary>Name and birth date, with the region and first sequence digit that survived Excel.</summary>
    public const double NameBirthdate15Confidence = 0.93;

    /// <summary>Name and birth date, with the region: 14 digits survived.</summary>
    public const double NameBirthdate14Confidence = 0.9;

    /// <summary>Name and a birth-date column only: anyone born that day, anywhere.</summary>
    public const double NameBirthdateColumnConfidence = 0.8;

    /// <summary>What a rare-character stand-in in the name (王*, 王yan) takes off the confidence.</summary>
    public const double StandInPenalty = 0.1;

    /// <summary>
    /// No ID found the person: look in the block of persons sharing the digits that survived (region and birth date,
    /// and the first sequence digit where Excel kept it) or, failing that, born on the extract's birth date; accept
    /// a single person whose name agrees. Two or more such persons (twins with one name?) are never guessed between.
    /// </summary>
    private MatchResult? MatchByNameAndBirth(IdParseResult parsed, ReadOnlySpan<char> normalized, ReadOnlySpan<char> rawName,
        ReadOnlySpan<char> rawBirthDate, string idReason)
    {
        if (!HasRealCharacter(rawName))
        {
            // No name, or only stand-ins ("???"): a name that fits everyone tells no one apart.
            return null;
        }

        Span<char> digits = stackalloc char[IdNumber.Length];
        var surviving = SurvivingPrefix(parsed, normalized, digits);
        ReadOnlySpan<int> block;
        string blockText;
        double confidence;
        var sequenceDigit = -1;
        if (surviving >= 14)
        {
            long prefix = 0;
            for (var i = 0; i < 14; i++)
            {
                prefix = (prefix * 10) + (digits[i] - '0');
            }

            block = population.WithPrefix(prefix, 14);
            sequenceDigit = surviving >= 15 ? digits[14] - '0' : -1;
            confidence = sequenceDigit >= 0 ? NameBirthdate15Confidence : NameBirthdate14Confidence;
            blockText = sequenceDigit >= 0 ? "region, birth date and first sequence digit that survived" : "region and birth date that survived";
        }
        else if (BirthDateText.TryParse(rawBirthDate, out var born))
        {
            block = population.BornOn(born);
            confidence = NameBirthdateColumnConfidence;
            blockText = "the birth-date column";
        }
        else
        {
            return null;
        }

        int agreeing = -1, agreeCount = 0, compatible = -1, compatibleCount = 0, considered = 0;
        foreach (var person in block)
        {
            // Excel rounds to 15 significant digits: the last kept digit may have been rounded up by one.
            var digit = (int)(population.Key(person) / 100 % 10);
            if (sequenceDigit >= 0 && digit != sequenceDigit && digit != sequenceDigit - 1)
            {
                continue;
            }

            considered++;
            var name = population.Name(person);
            if (PersonName.Agree(rawName, name))
            {
                agreeing = person;
                agreeCount++;
            }
            else if (PersonName.Compatible(rawName, name))
            {
                compatible = person;
                compatibleCount++;
            }
        }

        var evidence = string.Create(CultureInfo.InvariantCulture,
            $"{idReason}; name_birthdate: {considered} persons share the {blockText}");
        if (agreeCount == 1)
        {
            return new MatchResult(MatchStatus.Matched, MatchMethod.NameBirthdate, agreeing, confidence, $"{evidence}, 1 has this name", parsed);
        }

        if (agreeCount == 0 && compatibleCount == 1)
        {
            return new MatchResult(MatchStatus.Matched, MatchMethod.NameBirthdate, compatible, confidence - StandInPenalty,
                $"{evidence}, 1 has this name but for a rare-character stand-in", parsed);
        }

        if (agreeCount + compatibleCount > 1)
        {
            return new MatchResult(MatchStatus.Unmatched, MatchMethod.None, -1, 0,
                string.Create(CultureInfo.InvariantCulture, $"{evidence}, {agreeCount + compatibleCount} have this name: ambiguous"), parsed);
        }

        return null;
    }

    private static bool HasRealCharacter(ReadOnlySpan<char> name)
    {
        Span<char> folded = stackalloc char[64];
        var n = PersonName.Normalize(name, folded);
        foreach (var c in folded[..n])
        {
            if (c is not '*' and not '·')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Adds to <paramref name="needs"/> every person <see cref="Match(ReadOnlySpan{char}, ReadOnlySpan{char}, ReadOnlySpan{char})"/> could look at for this row, and no more than
    /// it takes: the ID's key when valid; otherwise its one-slip corrections, the block of its surviving 14 digits, or
    /// the extract's birth date. An index holding just the persons that answer these gives the same results as the
    /// whole population (more persons would not change them; none of these may be missing).
    /// </summary>
    public static void Gather(ReadOnlySpan<char> rawId, ReadOnlySpan<char> rawBirthDate, PopulationNeeds needs)
    {
        ArgumentNullException.ThrowIfNull(needs);
        Span<char> buffer = stackalloc char[IdNormalizer.MaxLength];
        var parsed = IdParser.Parse(rawId, buffer);
        if (parsed.IsValid)
        {
            needs.Keys.Add(parsed.Id.Key);
            return;
        }

        if (parsed.IsCorrectable)
        {
            Span<long> candidates = stackalloc long[IdCorrections.MaxCandidates];
            var count = IdCorrections.Candidates(buffer[..IdNumber.Length], candidates);
            foreach (var key in candidates[..count])
            {
                needs.Keys.Add(key);
            }
        }

        Span<char> digits = stackalloc char[IdNumber.Length];
        if (SurvivingPrefix(parsed, buffer[..Math.Min(parsed.Length, IdNormalizer.MaxLength)], digits) >= 14)
        {
            long prefix = 0;
            for (var i = 0; i < 14; i++)
            {
                prefix = (prefix * 10) + (digits[i] - '0');
            }

            needs.Prefixes.Add(prefix);
        }
        else if (BirthDateText.TryParse(rawBirthDate, out var born))
        {
            needs.BirthDates.Add(born);
        }
    }

    /// <summary>
    /// Whether a row carries enough to find its person at all: an ID that is valid or one slip from valid, 14
    /// surviving digits (region and birth date), or a birth date. Rows without any (an empty ID and no birth
    /// date; Excel's six-digit "4.19001E+17") can only be found by hand.
    /// </summary>
    public static bool IsFindable(ReadOnlySpan<char> rawId, ReadOnlySpan<char> rawBirthDate)
    {
        Span<char> buffer = stackalloc char[IdNormalizer.MaxLength];
        var parsed = IdParser.Parse(rawId, buffer);
        if (parsed.IsValid || parsed.IsCorrectable || BirthDateText.TryParse(rawBirthDate, out _))
        {
            return true;
        }

        Span<char> digits = stackalloc char[IdNumber.Length];
        return SurvivingPrefix(parsed, buffer[..Math.Min(parsed.Length, IdNormalizer.MaxLength)], digits) >= 14;
    }

    /// <summary>
    /// How many leading digits of an unusable ID can be trusted to block on, copied to <paramref name="digits"/>:
    /// the mantissa of Excel's scientific form of an 18-digit number (up to 15), the 15 kept digits of one whose
    /// tail became 000, or the first 14 of a mistyped 18-digit or wrong-length one; only when region and birth
    /// date in them are real.
    /// </summary>
    private static int SurvivingPrefix(IdParseResult parsed, ReadOnlySpan<char> normalized, Span<char> digits)
    {
        int n;
        var exponentAt = normalized.IndexOfAny('E', 'e');
        if (parsed.Kind == IdKind.ExcelDamaged && exponentAt > 0)
        {
            var exponent = normalized[(exponentAt + 1)..].TrimStart('+');
            if (!exponent.SequenceEqual("17"))
            {
                return 0;
            }

            n = IdParser.SurvivingDigits(normalized, digits[..15]);
        }
        else if (parsed.Kind == IdKind.ExcelDamaged)
        {
            normalized[..15].CopyTo(digits);
            n = 15;
        }
        else if (parsed.Kind is IdKind.WrongLength or IdKind.CheckCharWrong or IdKind.BirthDateInvalid or IdKind.ProvinceUnknown
                 && normalized.Length >= 14 && IdRules.AllDigits(normalized[..14]))
        {
            normalized[..14].CopyTo(digits);
            n = 14;
        }
        else
        {
            return 0;
        }

        // Fewer digits (Excel's "4.19001E+17" keeps 6) leave the region alone: a name is no key to a whole
        // county, measured: strangers sharing a member's name there made most such matches wrong.
        return n >= 14 && IdRules.HasKnownProvince(digits) && IdRules.HasValidBirthDate(digits[6..14]) ? n : 0;
    }
}
