namespace Matching.Storage;

/// <summary>One change in a warning's history: a run's status change or a department's disposition.</summary>
public sealed record WarningEvent(long WarningId, long? RunId, string At, string Status, string Note);
