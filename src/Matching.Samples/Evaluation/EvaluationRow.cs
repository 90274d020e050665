using Matching.Samples.Damage;
using Matching.Samples.Population;

namespace Matching.Samples.Evaluation;

/// <summary>One row of labelled.csv: the cells as written and the truth about them.</summary>
/// <param name="subject">Who the row really is: a low-income member or a stranger.</param>
/// <param name="member">True when <paramref name="subject"/> is in lowincome.csv (the row has a truth_id).</param>
internal sealed class EvaluationRow(Person subject, bool member)
{
    public Person Subject { get; } = subject;

    public bool Member { get; } = member;

    /// <summary>The name cell as written.</summary>
    public string Name { get; set; } = subject.Name;

    /// <summary>The ID cell as written.</summary>
    public string IdCell { get; set; } = subject.IdText;

    /// <summary>The damage label (<see cref="EvaluationLabels.All"/>).</summary>
    public string Label { get; set; } = DamageKind.None.Label();

    /// <summary>Whether the department sent the birth-date column for this row.</summary>
    public bool ShowsBirth { get; set; }

    /// <summary>Kept as it is by the ID damage planner (a twin's clean row next to the other twin's typo).</summary>
    public bool Locked { get; init; }

    public bool IsClean => string.Equals(Label, DamageKind.None.Label(), StringComparison.Ordinal);
}
