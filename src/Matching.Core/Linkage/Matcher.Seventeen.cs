using System.Globalization;
using Matching.Core.Identity;

namespace Matching.Core.Linkage;

public sealed partial class Matcher
{
    /// <summary>
    /// Confidence of 17 digits read as an ID without its check character (or as a certificate number on an old ID
    /// when that reading is possible too): the one reading in the database, with the same name.
    /// </summary>
    public const double SeventeenDigitsConfidence = 0.95;

    /// <summary>
    /// 17 digits that may be an 18-character ID without its check character or a certificate number on a 15-digit ID
    /// (<see cref="IdKind.SeventeenDigits"/>). Without a check character a typo goes unseen, so a reading is taken only
    /// with a name that agrees, as a correction is: the one reading in the database, or, when both are, the one
    /// whose name alone agrees. Otherwise the result says why not, and the block of the digits is still weighed.
    /// </summary>
    private MatchResult MatchSeventeen(IdParseResult parsed, ReadOnlySpan<char> digits, ReadOnlySpan<char> rawName)
    {
        var withoutCheck = IdParser.TryReadWithoutCheck(digits, out var full) && population.TryFind(full.Key, out var completed) ? completed : -1;
        var certificate = IdParser.TryReadCertificate15(digits, out var old) && population.TryFind(old.Key, out var holder) ? holder : -1;
        if (withoutCheck < 0 && certificate < 0)
        {
            return new MatchResult(MatchStatus.Rejected, MatchMethod.None, -1, 0, $"{parsed.Reason}; no reading is in the database", parsed, MatchMiss.Unusable);
        }

        if (withoutCheck >= 0 && certificate >= 0)
        {
            ReadOnlySpan<int> both = [withoutCheck, certificate];
            var named = SingleAgreeing(both, rawName, out var annotated);
            var weighed = $"{parsed.Reason}; both readings in the database ({ListMasked(both)})";
            return named < 0
                ? new MatchResult(MatchStatus.Unmatched, MatchMethod.None, -1, 0, $"{weighed}: ambiguous", parsed, MatchMiss.Ambiguous)
                : Read(named == certificate, named, CorrectedAmongSeveralConfidence,
                    annotated ? $"{weighed}: only one name agrees; {AnnotationSetAside}" : $"{weighed}: only one name agrees", parsed);
        }

        var only = withoutCheck >= 0 ? withoutCheck : certificate;
        var reading = string.Create(CultureInfo.InvariantCulture, $"{parsed.Reason}; {ReadingText(only == certificate)} {population.Id(only).Masked}");
        if (rawName.IsEmpty)
        {
            return new MatchResult(MatchStatus.Unmatched, MatchMethod.None, -1, 0, $"{reading}: no name to confirm", parsed, MatchMiss.NoNameToConfirm);
        }

        var compared = PersonName.Compare(rawName, population.Name(only));
        if (!compared.Agrees)
        {
            return new MatchResult(MatchStatus.Unmatched, MatchMethod.None, -1, 0, $"{reading}: name disagrees", parsed, MatchMiss.NameDisagrees);
        }

        return Read(only == certificate, only, SeventeenDigitsConfidence,
            compared.AnnotationSetAside ? $"{reading}: name agrees; {AnnotationSetAside}" : $"{reading}: name agrees", parsed);
    }

    /// <summary>A 15-digit ID is upgraded (upgraded15); an ID missing its check character is repaired (corrected).</summary>
    private static MatchResult Read(bool certificate, int person, double confidence, string reason, IdParseResult parsed) =>
        new(MatchStatus.Matched, certificate ? MatchMethod.Upgraded15 : MatchMethod.Corrected, person, confidence, reason, parsed);

    private static string ReadingText(bool certificate) => certificate
        ? "read as a certificate number on a 15-digit ID, upgraded to"
        : "read as an ID without its check character, completed to";
}
