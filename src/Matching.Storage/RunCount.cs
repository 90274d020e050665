namespace Matching.Storage;

/// <summary>What one run did with one warning code: found, and of those new, continuing, still closed; and resolved.</summary>
public sealed record RunCount(string Code, int Found, int New, int Continuing, int Closed, int Resolved);
