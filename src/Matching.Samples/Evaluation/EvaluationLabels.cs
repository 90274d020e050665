using Matching.Samples.Damage;

namespace Matching.Samples.Evaluation;

/// <summary>The damage labels of labelled.csv: the sample's (<see cref="DamageLabels"/>) and the evaluation traps.</summary>
internal static class EvaluationLabels
{
    /// <summary>A stranger whose valid ID, with one typo, is also one slip from a member's ID.</summary>
    public const string StrangerTypo = "stranger_typo";

    /// <summary>A stranger born the same day in the same region as a member, ID Excel-damaged or empty.</summary>
    public const string SameBirthStranger = "same_birth_stranger";

    /// <summary>A member whose name is written in traditional characters or with another middle dot.</summary>
    public const string NameVariant = "name_variant";

    /// <summary>A member whose name has one character replaced by *, ?, □ or its pinyin.</summary>
    public const string RareChar = "rare_char";

    /// <summary>Every label, in the order the summary counts them.</summary>
    public static readonly string[] All =
    [
        DamageKind.None.Label(), DamageKind.Spaces.Label(), DamageKind.FullWidth.Label(), DamageKind.LowercaseX.Label(),
        DamageKind.Apostrophe.Label(), DamageKind.TrailingDot0.Label(), DamageKind.Id15.Label(),
        DamageKind.Certificate.Label(), DamageKind.Substitution.Label(), DamageKind.Swap.Label(),
        DamageKind.Scientific.Label(), DamageKind.TruncatedZeros.Label(), DamageKind.Empty.Label(),
        DamageKind.NameMismatch.Label(), DamageKind.TwinTypo.Label(), StrangerTypo, SameBirthStranger, NameVariant, RareChar,
        DamageKind.Certificate15.Label(), DamageKind.CertificateScientific.Label(), DamageKind.CheckCharLost.Label(),
        DamageKind.SeparatorDropped.Label(), DamageKind.SeparatorReplaced.Label(), DamageKind.SeparatorDbDropped.Label(),
        DamageKind.Annotation.Label(),
    ];
}
