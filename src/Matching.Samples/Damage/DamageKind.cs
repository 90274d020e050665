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

    /// <summary>A 17-digit disability certificate number on the old 15-digit ID (15 + type + grade).</summary>
    Certificate15,

    /// <summary>A 20-digit certificate number kept by Excel as a number: 4.10881195706216E+19 (15 digits survive).</summary>
    CertificateScientific,

    /// <summary>The ID without its check character: 17 digits.</summary>
    CheckCharLost,

    /// <summary>A minority name whose separator the department's system dropped: 阿依努尔艾山 for 阿依努尔·艾山.</summary>
    SeparatorDropped,

    /// <summary>A minority name with the separator typed as a space, dash or full-width stop.</summary>
    SeparatorReplaced,

    /// <summary>A minority name the low-income database holds without its separator, the department with it.</summary>
    SeparatorDbDropped,

    /// <summary>A name carrying a clerk's annotation: 张三（已故）, 李四(户主), 王芳2, 王芳* (a duplicate marker).</summary>
    Annotation,
}
