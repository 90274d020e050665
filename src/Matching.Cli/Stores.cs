using Matching.Storage;

namespace Matching.Cli;

/// <summary>Opens the database a command or job works on, as the storage options say, on one clock.</summary>
internal sealed class Stores(StorageOptions storage, TimeProvider time)
{
    public StorageOptions Storage { get; } = storage;

    /// <summary>The clock the stores stamp their rows and leases with.</summary>
    public TimeProvider Time { get; } = time;

    /// <summary>Opens the database, which must exist: only <c>matching init</c> creates one (<see cref="OpenForInitAsync"/>).</summary>
    public Task<MatchingStore> OpenAsync(CancellationToken cancellationToken) =>
        MatchingStore.OpenAsync(Storage.WithCreation(false), Time, cancellationToken);

    /// <summary>Opens the database for a run, which reads its records once through: a small SQLite page cache.</summary>
    public Task<MatchingStore> OpenForRunAsync(CancellationToken cancellationToken) =>
        MatchingStore.OpenAsync(Storage.WithCreation(false) with { PageCacheMegabytes = StorageOptions.RunPageCacheMegabytes }, Time, cancellationToken);

    /// <summary>Opens the database, creating an embedded SQLite file that does not exist yet: for <c>matching init</c>.</summary>
    public Task<MatchingStore> OpenForInitAsync(CancellationToken cancellationToken) =>
        MatchingStore.OpenAsync(Storage.WithCreation(true), Time, cancellationToken);
}
