namespace Matching.Samples.Damage;

/// <summary>What was done to the ID cell of an extract row; the truth files name it by <see cref="DamageLabels"/>.</summary>
internal enum DamageKind
{
    None = 0,
    Spaces,
    FullWidth,
    LowercaseX,
    Apostrophe,
    TrailingDot0,
    Id15,
    Substitution,
    Swap,
    Scientific,
    TruncatedZeros,
    Empty,
    Certificate,
    NameMismatch,
    TwinTypo,
}
