namespace Matching.Storage;

/// <summary>One household entry of a person in the database (a person may be in several: 重复救助).</summary>
public sealed record PersonEntry(
    string HouseholdId, string IdText, string Name, string Relation, string Categories, bool SeriousIllness, bool SevereDisability,
    bool Active, string Subdistrict, string Village, decimal? AnnualIncome, bool HousingDifficulty, string Aid, bool HouseholdActive);
