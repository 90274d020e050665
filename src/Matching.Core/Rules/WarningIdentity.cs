using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Matching.Core.Rules;

/// <summary>
/// A warning's identity (<see cref="Warning.Code"/>, <see cref="Warning.Subject"/>, <see cref="Warning.Receiver"/>)
/// as one 128-bit hash: how a run keeps each identity once without holding every subject's text, and how storage
/// finds the stored warning a run found again (its key_hi and key_lo columns).
/// </summary>
public static class WarningIdentity
{
    public static UInt128 Of(Warning warning)
    {
        ArgumentNullException.ThrowIfNull(warning);
        return Of(warning.Code, warning.Subject, warning.Receiver);
    }

    public static UInt128 Of(string code, string subject, string receiver)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(receiver);
        var hash = new XxHash128();
        hash.Append(MemoryMarshal.AsBytes(code.AsSpan()));
        hash.Append([0xFF, 0xFF]);
        hash.Append(MemoryMarshal.AsBytes(subject.AsSpan()));
        hash.Append([0xFF, 0xFF]);
        hash.Append(MemoryMarshal.AsBytes(receiver.AsSpan()));
        return hash.GetCurrentHashAsUInt128();
    }
}
