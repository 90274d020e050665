namespace Matching.Core.Identity;

/// <summary>What <see cref="PersonName.Compare"/> found: how far two names agree, and whether only once an annotation was set aside.</summary>
/// <param name="Agreement">How far they agree: as typed, or else without a clerk's annotation.</param>
/// <param name="AnnotationSetAside">
/// True when they agree (or are compatible) only without the annotation one of them carries (张三（已故）, 王芳2, 王芳*).
/// </param>
public readonly record struct NameComparison(NameAgreement Agreement, bool AnnotationSetAside)
{
    public bool Agrees => Agreement == NameAgreement.Agree;

    public bool IsCompatible => Agreement == NameAgreement.Compatible;
}
