using Matching.Cli.Localization;
namespace Matching.Cli;

/// <summary>Settings of <c>matching run</c> (<c>run:*</c> in matching.json).</summary>
internal sealed record RunSettings
{
    /// <value>How long a run waits for another to release the run lock, in seconds. Default 60.</value>
    public int LockWaitSeconds { get; init; } = 60;

    /// <value>How long the run lock lasts unless its holder renews it (a killed run's lock frees after this), in seconds. Default 300.</value>
    public int LockTtlSeconds { get; init; } = 300;

    /// <value>
    /// Above this many active low-income members, <c>matching match</c> no longer loads the population into memory
    /// (about 40 bytes a person plus the name) but finds the persons a file can touch set-based in the database
    /// (<see cref="Storage.PopulationStore.LoadSubsetAsync"/>). Default 20,000,000.
    /// </value>
    public long InMemoryLimit { get; init; } = 20_000_000;

    /// <value>
    /// Where <c>lowincome import</c> and <c>match</c> keep the persisted population index of a server database, and
    /// <c>run</c> the population it judges by (SQLite's go beside its file, in <c>&lt;db&gt;.index/</c>). Hold IDs and
    /// names: created owner-only. Default <c>data/index</c>.
    /// </value>
    public string PopulationImageFolder { get; init; } = "data/index";

    public IEnumerable<string> Problems()
    {
        if (LockWaitSeconds is < 0 or > 86_400)
        {
            yield return Text.Get("RunLockWaitRange");
        }

        if (LockTtlSeconds is < 10 or > 86_400)
        {
            yield return Text.Get("RunLockTtlRange");
        }

        if (string.IsNullOrWhiteSpace(PopulationImageFolder))
        {
            yield return Text.Get("RunImageFolderEmpty");
        }

        if (InMemoryLimit < 0)
        {
            yield return Text.Get("RunInMemoryLimit");
        }
    }
}
