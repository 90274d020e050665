namespace Matching.Samples;

/// <summary>What <see cref="EvaluationSet"/> makes: the same options always give the same files, byte for byte.</summary>
/// <param name="Seed">Seed of every random choice. <value>Default 20261128.</value></param>
/// <param name="Households">Low-income households (户) in lowincome.csv. <value>Default 20,000; 100 to 200,000.</value></param>
/// <param name="Rows">
/// Rows of labelled.csv, about 40% low-income persons and 60% strangers. <value>Default 40,000; 100 to four per
/// household.</value>
/// </param>
public sealed record EvaluationOptions(
    int Seed = SampleOptions.DefaultSeed,
    int Households = EvaluationOptions.DefaultHouseholds,
    int Rows = EvaluationOptions.DefaultRows)
{
    public const int DefaultHouseholds = 20_000;
    public const int DefaultRows = 40_000;
    public const int MinHouseholds = 100;
    public const int MaxHouseholds = 200_000;
    public const int MinRows = 100;

    /// <summary>Most rows per household: the low-income rows must be distinct persons of the population.</summary>
    public const int MaxRowsPerHousehold = 4;

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    public void Validate()
    {
        if (Households is < MinHouseholds or > MaxHouseholds)
        {
            throw new ArgumentOutOfRangeException(
                nameof(Households), Households, $"Households must be {MinHouseholds} to {MaxHouseholds}.");
        }

        if (Rows < MinRows || Rows > (long)Households * MaxRowsPerHousehold)
        {
            throw new ArgumentOutOfRangeException(
                nameof(Rows), Rows, $"Rows must be {MinRows} to {MaxRowsPerHousehold} per household ({Households * MaxRowsPerHousehold}).");
        }
    }
}
