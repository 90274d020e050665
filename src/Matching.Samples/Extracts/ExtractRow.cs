using Matching.Samples.Damage;
using Matching.Samples.Population;

namespace Matching.Samples.Extracts;

/// <summary>One data row of a department extract, with the truth about it.</summary>
/// <param name="subject">Who the row really is (for a name mismatch: the stranger, not the ID's owner).</param>
/// <param name="details">The department's columns after the name and the ID.</param>
internal sealed class ExtractRow(Person subject, string[] details)
{
    public Person Subject { get; } = subject;

    public string[] Details { get; } = details;

    public DamageKind Damage { get; set; }

    /// <summary>The name cell as written.</summary>
    public string Name { get; set; } = subject.Name;

    /// <summary>The ID cell as written.</summary>
    public string IdCell { get; set; } = subject.IdText;

    /// <summary>For a twin-typo row: how to spoil the ID.</summary>
    public TwinTypo? Typo { get; init; }

    /// <summary>Disability only: the type and grade digits that make the ID a 残疾人证号.</summary>
    public string? CertificateSuffix { get; init; }

    /// <summary>Not a low-income household member: known only to the department.</summary>
    public bool IsStranger => Subject.Household is null;
}
