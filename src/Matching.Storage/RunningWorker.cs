namespace Matching.Storage;

/// <summary>A worker whose heartbeat (<see cref="WorkerLease"/>) has not lapsed: where it runs, since when, when last seen.</summary>
public sealed record RunningWorker(string Host, int Pid, string Holder, DateTimeOffset Started, DateTimeOffset LastSeen);
