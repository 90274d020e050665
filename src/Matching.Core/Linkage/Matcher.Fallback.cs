using System.Globalization;
using Matching.Core.Identity;
using Matching.Core.Population;

namespace Matching.Core.Linkage;

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

        Span<SurvivingBlock> blocks = stackalloc SurvivingBlock[SurvivingBlock.Max];
        var count = SurvivingBlock.Find(parsed, normalized, blocks);
        var tally = default(NameTally);
        string blockText;
        double confidence;
        if (count > 0)
        {
            foreach (var block in blocks[..count])
            {
                Weigh(ref tally, rawName, population.WithPrefix(block.Prefix, SurvivingBlock.PrefixDigits), block.LowDigit, block.HighDigit);
            }

            var fifteen = blocks[0].HasSequenceDigit;
            confidence = fifteen ? NameBirthdate15Confidence : NameBirthdate14Confidence;
            blockText = fifteen ? "region, birth date and first sequence digit that survived" : "region and birth date that survived";
        }
        else if (BirthDateText.TryParse(rawBirthDate, out var born))
        {
            Weigh(ref tally, rawName, population.BornOn(born), 0, 9);
            confidence = NameBirthdateColumnConfidence;
            blockText = "birth date of the birth-date column";
        }
        else
        {
            return null;
        }

        var evidence = string.Create(CultureInfo.InvariantCulture,
            $"{idReason}; name_birthdate: {tally.Considered} persons share the {blockText}");

        // One whose name agrees only without an annotation, while another's is compatible, is no single answer:
        // 王芳* is 王芳 with a duplicate marker, or 王芳琰 with a stand-in.
        if (tally.AgreeCount == 1 && !(tally.AgreeingAnnotated && tally.CompatibleCount > 0))
        {
            return new MatchResult(MatchStatus.Matched, MatchMethod.NameBirthdate, tally.Agreeing, confidence,
                tally.AgreeingAnnotated ? $"{evidence}, 1 has this name; {AnnotationSetAside}" : $"{evidence}, 1 has this name", parsed);
        }

        if (tally.AgreeCount == 0 && tally.CompatibleCount == 1)
        {
            var said = $"{evidence}, 1 has this name but for a rare-character stand-in";
            return new MatchResult(MatchStatus.Matched, MatchMethod.NameBirthdate, tally.Compatible, confidence - StandInPenalty,
                tally.CompatibleAnnotated ? $"{said}; {AnnotationSetAside}" : said, parsed);
        }

        if (tally.AgreeCount + tally.CompatibleCount > 1)
        {
            return new MatchResult(MatchStatus.Unmatched, MatchMethod.None, -1, 0,
                string.Create(CultureInfo.InvariantCulture, $"{evidence}, {tally.AgreeCount + tally.CompatibleCount} have this name: ambiguous"), parsed, MatchMiss.Ambiguous);
        }

        return null;
    }

    /// <summary>Counts the persons of <paramref name="block"/> whose first sequence digit is in range, by how their name compares.</summary>
    private void Weigh(ref NameTally tally, ReadOnlySpan<char> rawName, ReadOnlySpan<int> block, int lowDigit, int highDigit)
    {
        foreach (var person in block)
        {
            var digit = (int)(population.Key(person) / 100 % 10);
            if (digit < lowDigit || digit > highDigit)
            {
                continue;
            }

            tally.Considered++;
            var compared = PersonName.Compare(rawName, population.Name(person));
            if (compared.Agrees)
            {
                tally.Agreeing = person;
                tally.AgreeCount++;
                tally.AgreeingAnnotated = compared.AnnotationSetAside;
            }
            else if (compared.IsCompatible)
            {
                tally.Compatible = person;
                tally.CompatibleCount++;
                tally.CompatibleAnnotated = compared.AnnotationSetAside;
            }
        }
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
    /// it takes: the ID's key when valid; otherwise its one-slip corrections or readings, the blocks of its surviving
    /// digits, or the extract's birth date. An index holding just the persons that answer these gives the same results
    /// as the whole population (more persons would not change them; none of these may be missing).
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

        if (parsed.Kind == IdKind.SeventeenDigits)
        {
            if (IdParser.TryReadWithoutCheck(buffer[..parsed.Length], out var full))
            {
                needs.Keys.Add(full.Key);
            }

            if (IdParser.TryReadCertificate15(buffer[..parsed.Length], out var old))
            {
                needs.Keys.Add(old.Key);
            }
        }

        Span<SurvivingBlock> blocks = stackalloc SurvivingBlock[SurvivingBlock.Max];
        var found = SurvivingBlock.Find(parsed, buffer[..Math.Min(parsed.Length, IdNormalizer.MaxLength)], blocks);
        foreach (var block in blocks[..found])
        {
            needs.Prefixes.Add(block.Prefix);
        }

        if (found == 0 && BirthDateText.TryParse(rawBirthDate, out var born))
        {
            needs.BirthDates.Add(born);
        }
    }

    /// <summary>
    /// Whether a row carries enough to find its person at all: an ID that is valid, one slip from valid or 17 digits
    /// of one, 14 surviving digits (region and birth date), or a birth date. Rows without any (an empty ID and no
    /// birth date; Excel's six-digit "4.19001E+17") can only be found by hand.
    /// </summary>
    public static bool IsFindable(ReadOnlySpan<char> rawId, ReadOnlySpan<char> rawBirthDate)
    {
        Span<char> buffer = stackalloc char[IdNormalizer.MaxLength];
        var parsed = IdParser.Parse(rawId, buffer);
        if (parsed.IsValid || parsed.IsCorrectable || parsed.Kind == IdKind.SeventeenDigits || BirthDateText.TryParse(rawBirthDate, out _))
        {
            return true;
        }

        Span<SurvivingBlock> blocks = stackalloc SurvivingBlock[SurvivingBlock.Max];
        return SurvivingBlock.Find(parsed, buffer[..Math.Min(parsed.Length, IdNormalizer.MaxLength)], blocks) > 0;
    }

    /// <summary>What the name + birth-date fallback found in its blocks.</summary>
    private struct NameTally
    {
        public int Considered;
        public int Agreeing;
        public int AgreeCount;
        public bool AgreeingAnnotated;
        public int Compatible;
        public int CompatibleCount;
        public bool CompatibleAnnotated;
    }
}
