namespace Matching.Samples.Damage;

/// <summary>The damage labels of the truth files (<c>damage</c> column), one per <see cref="DamageKind"/>.</summary>
internal static class DamageLabels
{
    /// <summary>The label of a lowincome.csv row whose ID has a wrong check character.</summary>
    public const string CheckChar = "check_char";

    public static string Label(this DamageKind kind) => kind switch
    {
        DamageKind.None => "none",
        DamageKind.Spaces => "spaces",
        DamageKind.FullWidth => "fullwidth",
        DamageKind.LowercaseX => "lowercase_x",
        DamageKind.Apostrophe => "apostrophe",
        DamageKind.TrailingDot0 => "trailing_dot0",
        DamageKind.Id15 => "id15",
        DamageKind.Substitution => "substitution",
        DamageKind.Swap => "swap",
        DamageKind.Scientific => "scientific",
        DamageKind.TruncatedZeros => "truncated_zeros",
        DamageKind.Empty => "empty",
        DamageKind.Certificate => "certificate",
        DamageKind.NameMismatch => "name_mismatch",
        DamageKind.TwinTypo => "twin_typo",
        DamageKind.Certificate15 => "certificate15",
        DamageKind.CertificateScientific => "certificate_scientific",
        DamageKind.CheckCharLost => "check_char_lost",
        DamageKind.SeparatorDropped => "separator_dropped",
        DamageKind.SeparatorReplaced => "separator_replaced",
        DamageKind.SeparatorDbDropped => "separator_db_dropped",
        DamageKind.Annotation => "annotation",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
