namespace Matching.Core.Identity;

/// <summary>How far two names agree (<see cref="PersonName.Compare"/>).</summary>
public enum NameAgreement : byte
{
    /// <summary>A real difference, or a name missing: not the same person's name.</summary>
    Disagree = 0,

    /// <summary>The same but where one has a rare-character stand-in (王* or 王yan for 王琰): could be the same.</summary>
    Compatible,

    /// <summary>The same after folding, with no stand-in: the same person's name.</summary>
    Agree,
}
