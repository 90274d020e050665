namespace Matching.Storage;

/// <summary>What reading a persisted population image (<see cref="PopulationImage"/>) found.</summary>
public enum PopulationImageState
{
    /// <summary>Read whole, its checksum agrees and it is of the current snapshot: used.</summary>
    Valid,

    /// <summary>No image (or none readable: a permission, a folder where the file should be).</summary>
    Missing,

    /// <summary>A sound image of another snapshot (an import since) or another schema version.</summary>
    Stale,

    /// <summary>Not an image of this format: wrong magic, version or length, a checksum that disagrees.</summary>
    Invalid,
}
