namespace Matching.Samples;

/// <summary>
/// What <see cref="SampleGenerator"/> makes: the same options always give the same files, byte for byte.
/// </summary>
/// <param name="Seed">Seed of every random choice. <value>Default 20261128.</value></param>
/// <param name="Households">
/// Low-income households (户) to generate; department extracts scale with it (about 800 students for 3,000
/// households). <value>Default 3000; 100 to 50,000.</value>
/// </param>
public sealed record SampleOptions(int Seed = SampleOptions.DefaultSeed, int Households = SampleOptions.DefaultHouseholds)
{
    public const int DefaultSeed = 20261128;
    public const int DefaultHouseholds = 3000;
    public const int MinHouseholds = 100;
    public const int MaxHouseholds = 50_000;

    /// <summary>Throws when <see cref="Households"/> is out of range, naming the setting.</summary>
    public void Validate()
    {
        if (Households is < MinHouseholds or > MaxHouseholds)
        {
            throw new ArgumentOutOfRangeException(
                nameof(Households), Households, $"Households must be {MinHouseholds} to {MaxHouseholds}.");
        }
    }
}
