namespace Matching.Ingest.Coverage;

/// <summary>What a field's cells were counted over (<see cref="FieldFill"/>).</summary>
public enum FillUnit
{
    /// <summary>Every data row read (a department's fields).</summary>
    Rows,

    /// <summary>Each household once, on its first row (the population's income and housing difficulty).</summary>
    Households,

    /// <summary>Each tekun member (the population's 特困供养方式, which only they have).</summary>
    TekunMembers,
}
