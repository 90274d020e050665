using System.IO.Hashing;
using System.Text;
using Matching.Core.Population;
using Matching.Core.Rules;

namespace Matching.Storage;

/// <summary>
/// The persisted images of the active population in one folder, two files per database (the hex naming the provider,
/// server and database): <c>population-&lt;hex&gt;.bin</c>, the index <c>match</c> looks persons up in
/// (<see cref="PopulationImage"/>), and <c>rules-&lt;hex&gt;.bin</c>, the population a run judges by
/// (<see cref="RulePopulationImage"/>), written by the first run of each snapshot. An image is a cache: a
/// missing, stale or unsound one is rebuilt from the database and written again; one that cannot be written costs the
/// next run the same rebuild, nothing else.
/// </summary>
public sealed class PopulationImageCache(string folder)
{
    public string Folder { get; } = folder;

    public string PathFor(MatchingStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var hash = XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(store.Identity));
        return Path.Combine(Folder, $"population-{hash:x16}.bin");
    }

    /// <summary>Where the image of the population a run judges by goes (<see cref="RulePopulationImage"/>).</summary>
    public string RulesPathFor(MatchingStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var hash = XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(store.Identity));
        return Path.Combine(Folder, $"rules-{hash:x16}.bin");
    }

    /// <summary>
    /// The population a run judges by: from its image when that is of the current snapshot, else loaded from the
    /// database and its image written (over any older one) for the next run.
    /// </summary>
    public async Task<RulePopulation> LoadRulePopulationAsync(MatchingStore store, CancellationToken cancellationToken)
    {
        var (population, imageWritten) = await LoadRulePopulationImageAsideAsync(store, cancellationToken);
        await imageWritten;
        return population;
    }

    /// <summary>
    /// <see cref="LoadRulePopulationAsync"/>, with the image (when the population had to be loaded from the database)
    /// written on a thread of the pool rather than before returning: a run matches its first records while the image
    /// is written (1M persons: about half a second). <c>ImageWritten</c> completes when the image is written or could
    /// not be (already complete when the population came from its image); it fails only on what writing one does not
    /// expect. The population is only read while it is written.
    /// </summary>
    public async Task<(RulePopulation Population, Task ImageWritten)> LoadRulePopulationImageAsideAsync(MatchingStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (await store.Population.StampAsync(cancellationToken) is { } current
            && RulePopulationImage.TryRead(RulesPathFor(store), current, out var read) == PopulationImageState.Valid)
        {
            return (read!, Task.CompletedTask);
        }

        var (population, stamp) = await store.Population.LoadStampedRulePopulationAsync(cancellationToken);
        if (stamp is null)
        {
            return (population, Task.CompletedTask);
        }

        var path = RulesPathFor(store);
        var written = Task.Run(() =>
        {
            try
            {
                RulePopulationImage.Write(path, population, stamp);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
            {
                // A read-only folder, a full disk, a stamp too long for a header: the population loaded is as good;
                // the next run loads it again.
            }
        }, CancellationToken.None);
        return (population, written);
    }

    /// <summary>
    /// Deletes the run's image (of a snapshot a new one replaced: it holds people who may have left). One that cannot be
    /// deleted is left, stale: never read again, and replaced by the next run.
    /// </summary>
    public void DeleteRules(MatchingStore store)
    {
        try
        {
            File.Delete(RulesPathFor(store));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Stale from now on all the same.
        }
    }

    /// <summary>The index from the image when it is of the current snapshot (<see cref="PopulationImageState.Valid"/>).</summary>
    public async Task<(PopulationIndex? Index, PopulationImageState State)> TryLoadAsync(MatchingStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var stamp = await store.Population.StampAsync(cancellationToken);
        if (stamp is null)
        {
            return (null, PopulationImageState.Missing);
        }

        var state = PopulationImage.TryRead(PathFor(store), stamp, out var index);
        return (index, state);
    }

    /// <summary>Builds the index from the database and writes its image (over any older one).</summary>
    public async Task<PopulationIndex> RebuildAsync(MatchingStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var (index, stamp) = await store.Population.LoadStampedIndexAsync(cancellationToken);
        if (stamp is not null)
        {
            try
            {
                PopulationImage.Write(PathFor(store), index, stamp);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A read-only folder or a full disk: the index built is as good; the next run builds it again.
            }
        }

        return index;
    }

    /// <summary>The index from a valid image, else rebuilt (and its image written).</summary>
    public async Task<PopulationIndex> LoadAsync(MatchingStore store, CancellationToken cancellationToken) =>
        (await TryLoadAsync(store, cancellationToken)).Index ?? await RebuildAsync(store, cancellationToken);
}
