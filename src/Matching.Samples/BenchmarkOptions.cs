namespace Matching.Samples;

/// <summary>What <see cref="BenchmarkData"/> makes: the same options always give the same files, byte for byte.</summary>
/// <param name="Seed">Seed of every random choice. <value>Default 20261128.</value></param>
/// <param name="Persons">Persons in lowincome.csv (about three per household). <value>Default 1,000,000; 100 to 20,000,000.</value></param>
/// <param name="Rows">Rows of extract.csv. <value>Default 1,000,000; 1 to 20,000,000.</value></param>
/// <param name="PresentShare">
/// Share of extract rows that are population members (distinct persons); the rest are strangers.
/// <value>Default 0.30; 0 to 1, and at most <paramref name="Persons"/> rows.</value>
/// </param>
/// <param name="DamagedShare">Share of extract rows whose ID cell is damaged. <value>Default 0.02; 0 to 1.</value></param>
public sealed record BenchmarkOptions(
    int Seed = SampleOptions.DefaultSeed,
    int Persons = BenchmarkOptions.DefaultPersons,
    int Rows = BenchmarkOptions.DefaultRows,
    double PresentShare = BenchmarkOptions.DefaultPresentShare,
    double DamagedShare = BenchmarkOptions.DefaultDamagedShare)
{
    public const int DefaultPersons = 1_000_000;
    public const int DefaultRows = 1_000_000;
    public const double DefaultPresentShare = 0.30;
    public const double DefaultDamagedShare = 0.02;
    public const int MinPersons = 100;
    public const int MaxPersons = 20_000_000;
    public const int MaxRows = 20_000_000;

    /// <summary>Extract rows that are population members: <see cref="Rows"/> × <see cref="PresentShare"/>, rounded.</summary>
    public int PresentRows => (int)Math.Round(Rows * PresentShare);

    /// <summary>Extract rows with a damaged ID cell: <see cref="Rows"/> × <see cref="DamagedShare"/>, rounded.</summary>
    public int DamagedRows => (int)Math.Round(Rows * DamagedShare);

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    public void Validate()
    {
        if (Persons is < MinPersons or > MaxPersons)
        {
            throw new ArgumentOutOfRangeException(nameof(Persons), Persons, $"Persons must be {MinPersons} to {MaxPersons}.");
        }

        if (Rows is < 1 or > MaxRows)
        {
            throw new ArgumentOutOfRangeException(nameof(Rows), Rows, $"Rows must be 1 to {MaxRows}.");
        }

        if (!(PresentShare is >= 0 and <= 1) || PresentRows > Persons)
        {
            throw new ArgumentOutOfRangeException(
                nameof(PresentShare), PresentShare, "PresentShare must be 0 to 1, and Rows × PresentShare at most Persons.");
        }

        if (!(DamagedShare is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(DamagedShare), DamagedShare, "DamagedShare must be 0 to 1.");
        }
    }
}
