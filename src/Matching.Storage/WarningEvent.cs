using Matching.Core.Rules;

namespace Matching.Storage;

/// <summary>One change in a warning's history: a run's status change or a department's disposition.</summary>
public sealed record WarningEvent(long WarningId, long? RunId, string At, WarningStatus Status, string Note);
