namespace Matching.Samples.Population;

/// <summary>The aid a household already receives, one column each in lowincome.csv (已享受…).</summary>
[Flags]
internal enum AidFlags
{
    None = 0,
    Medical = 1,
    Education = 2,
    Employment = 4,
    Housing = 8,
    DisabilitySubsidy = 16,
    Temporary = 32,
}
