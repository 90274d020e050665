namespace Matching.Core.Population;

/// <summary>Aid a household already receives (已享受救助), which decides whether a warning is a gap.</summary>
[Flags]
public enum AidType : byte
{
    None = 0,

    /// <summary>医疗救助.</summary>
    Medical = 1,

    /// <summary>教育救助.</summary>
    Education = 2,

    /// <summary>就业救助.</summary>
    Employment = 4,

    /// <summary>住房救助.</summary>
    Housing = 8,

    /// <summary>残疾人补贴.</summary>
    DisabilitySubsidy = 16,

    /// <summary>临时救助.</summary>
    Temporary = 32,
}
