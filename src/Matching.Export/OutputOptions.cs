using Matching.Export.Localization;

namespace Matching.Export;

/// <summary>
/// How output files are written (the <c>output</c> section of <c>matching.json</c>). Every output is written to a
/// temporary file in its folder, flushed to disk and renamed over its final name (<see cref="AtomicFile"/>), with the
/// mode bits of <see cref="FileMode"/> (<see cref="PrivateFiles"/>).
/// </summary>
public sealed record OutputOptions
{
    /// <summary>Owner read and write: 0600.</summary>
    public const string DefaultFileMode = "0600";

    /// <value>
    /// Whether an output folder may itself be a symbolic link. Default false: a link planted where the workbooks go
    /// would send full ID numbers somewhere else, so such a folder is refused. Set it where the outbox is a link on
    /// purpose (to another disk, a share).
    /// </value>
    public bool AllowLinkedFolder { get; init; }

    /// <value>
    /// The Unix mode of every file written (database, workbooks, match CSVs, reject reports, notes), in octal.
    /// Default <c>"0600"</c>: the service account only. <c>"0640"</c> lets the service account's group read them (a
    /// bureau sharing the outbox with a group); "other" may never read or write. Folders Matching creates get the same
    /// with the execute bit beside each read bit (0700, 0750).
    /// </value>
    public string FileMode { get; init; } = DefaultFileMode;

    /// <summary><see cref="FileMode"/> as bits (0600 when it cannot be read: <see cref="Problems"/> says so first).</summary>
    public UnixFileMode FileModeBits => TryParseMode(FileMode, out var mode) ? mode : UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>The folder mode: owner rwx, and x for the group where it may read.</summary>
    public UnixFileMode FolderModeBits
    {
        get
        {
            var mode = FileModeBits | UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            return (mode & UnixFileMode.GroupRead) != 0 ? mode | UnixFileMode.GroupExecute : mode;
        }
    }

    public static OutputOptions Default { get; } = new();

    /// <summary>Every problem with these settings, each naming its setting.</summary>
    public IEnumerable<string> Problems()
    {
        if (!TryParseMode(FileMode, out var mode))
        {
            yield return Text.Format("ModeNotOctal", FileMode);
        }
        else if ((mode & (UnixFileMode.UserRead | UnixFileMode.UserWrite)) != (UnixFileMode.UserRead | UnixFileMode.UserWrite))
        {
            yield return Text.Format("ModeOwner", FileMode);
        }
        else if ((mode & (UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute)) != 0)
        {
            yield return Text.Format("ModeOthers", FileMode);
        }
        else if ((mode & (UnixFileMode.SetUser | UnixFileMode.SetGroup | UnixFileMode.StickyBit | UnixFileMode.UserExecute | UnixFileMode.GroupExecute)) != 0)
        {
            yield return Text.Format("ModeExecutable", FileMode);
        }
    }

    private static bool TryParseMode(string? text, out UnixFileMode mode)
    {
        mode = 0;
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Length is < 3 or > 4 || !text.Trim().All(c => c is >= '0' and <= '7'))
        {
            return false;
        }

        mode = (UnixFileMode)Convert.ToInt32(text.Trim(), 8);
        return true;
    }
}
