using System.Globalization;
using System.Text;
using Matching.Cli.Localization;
using Matching.Export;
using Matching.Ingest.Tables;
using Matching.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace Matching.Cli.Worker;

/// <summary>
/// The drop-folder intake: which dropped files are ready, and moving them to the archive or to rejected.
/// Nothing is ever deleted or overwritten. Every move goes through <paramref name="fileMoves"/>, the caller's
/// retry pipeline (a virus scanner or a department's copy can hold a file for a moment); this class never loops.
/// </summary>
/// <param name="options">The folders and how long a file must be unchanged; validated by the caller.</param>
/// <param name="time">The clock: stability in UTC, the archive's date folder in local time.</param>
/// <param name="fileMoves">Retries transient <see cref="IOException"/>s around one move.</param>
/// <param name="log">Where an entry refused on sight (not a regular file) is logged; nowhere by default.</param>
internal sealed class DropFolder(DropFolderOptions options, TimeProvider time, ResiliencePipeline fileMoves, ILogger? log = null)
{
    private const string ErrorSuffix = ".error.txt";
    private static readonly string[] TempPrefixes = [".", "~$"];
    private static readonly string[] TempSuffixes = [".tmp", ".part", ".crdownload"];

    // With a BOM so that Notepad on a Chinese-locale Windows does not read the reason as GBK.
    private static readonly UTF8Encoding ErrorEncoding = new(encoderShouldEmitUTF8Identifier: true);

    /// <summary>
    /// Files directly in <c>&lt;drop&gt;/&lt;department&gt;/</c> (created if missing) that are stable: last written
    /// at least <see cref="DropFolderOptions.StableSeconds"/> ago and openable for exclusive read. Oldest first,
    /// then by name. Hidden and temporary files (<c>.x</c>, <c>~$x</c>, <c>*.tmp</c>, <c>*.part</c>,
    /// <c>*.crdownload</c>) are skipped; files not yet stable are not opened. An entry that is not a regular file (a
    /// FIFO, whose opening would wait for a writer and stall the night; a socket; a link to a device or to nothing) is
    /// not waited on: it is moved to rejected at once, with the reason in its <c>.error.txt</c>.
    /// </summary>
    public IReadOnlyList<DroppedFile> StableFiles(string department)
    {
        var folder = Directory.CreateDirectory(FolderOf(options.Drop, department));
        var cutoff = time.GetUtcNow().AddSeconds(-options.StableSeconds);
        var stable = new List<DroppedFile>();
        foreach (var file in folder.EnumerateFiles())
        {
            if (IsTemporary(file))
            {
                continue;
            }

            var notRegular = InputFile.NotRegular(file.FullName);
            if (notRegular is not null)
            {
                RejectOnSight(new DroppedFile(department, file.FullName, 0, default), notRegular);
                continue;
            }

            // Appending moves the modification time, so a file still growing is never old enough. A copy that keeps
            // the source's time sets it only when done (Explorer, cp -p, robocopy); on Windows the open below also
            // fails while the copy runs.
            var lastWrite = new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero);
            if (lastWrite > cutoff || !TryOpenExclusive(file.FullName, out var size))
            {
                continue;
            }

            stable.Add(new DroppedFile(department, file.FullName, size, lastWrite));
        }

        stable.Sort(static (a, b) =>
        {
            var byTime = a.LastWriteUtc.CompareTo(b.LastWriteUtc);
            return byTime != 0 ? byTime : string.CompareOrdinal(a.Name, b.Name);
        });
        return stable;
    }

    /// <summary>
    /// Moves the file to <c>&lt;archive&gt;/&lt;department&gt;/&lt;local date&gt;/&lt;name&gt;</c>; a name already
    /// there gets <c>" (2)"</c>, <c>" (3)"</c>… before its extension. Returns the new path.
    /// </summary>
    public string Archive(DroppedFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var date = time.GetLocalNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var folder = Path.Combine(FolderOf(options.Archive, file.Department), date);
        return Move(file.Path, folder);
    }

    /// <summary>
    /// Moves the file to <c>&lt;rejected&gt;/&lt;department&gt;/&lt;name&gt;</c> (numbered as in <see cref="Archive"/>)
    /// and writes <c>&lt;new path&gt;.error.txt</c> beside it: <paramref name="why"/> and when. Returns the new path.
    /// </summary>
    public string Reject(DroppedFile file, string why)
    {
        ArgumentNullException.ThrowIfNull(file);
        var moved = Move(file.Path, FolderOf(options.Rejected, file.Department));
        var note = new StringBuilder()
            .AppendLine(ConnectionSecrets.Mask(why))
            .Append(Text.Format("RejectedNote", new BureauClock(time.LocalTimeZone).ShowWithOffset(time.GetUtcNow()), file.Name))
            .AppendLine()
            .ToString();

        // The name was chosen so that this note did not exist; rewriting a half-written one on retry is safe.
        fileMoves.Execute(static state => PrivateFiles.WriteAllText(state.Path, state.Note, ErrorEncoding, AtomicFile.Options), (Path: moved + ErrorSuffix, Note: note));
        return moved;
    }

    private void RejectOnSight(DroppedFile file, string why)
    {
        why = Text.Format("RejectedPath", file.Path, why);
        try
        {
            var moved = Reject(file, why);
            (log ?? NullLogger.Instance).FileRefused(file.Department, DisplayText.Escape(file.Name), DisplayText.Escape(moved), DisplayText.Escape(why));
        }
        catch (IOException)
        {
            // Gone meanwhile, or the move keeps failing: left where it is, never opened; the next firing tries again.
        }
    }

    /// <summary>The full path of <c>&lt;root&gt;/&lt;department&gt;</c>; the department must be a plain folder name.</summary>
    private static string FolderOf(string root, string department)
    {
        if (string.IsNullOrWhiteSpace(department)
            || department is "." or ".."
            || department.AsSpan().IndexOfAny(Path.GetInvalidFileNameChars()) >= 0
            || department.AsSpan().IndexOfAny('/', '\\') >= 0)
        {
            throw new ArgumentException($"'{department}' is not a department folder name", nameof(department));
        }

        return Path.Combine(Path.GetFullPath(root), department);
    }

    /// <summary>
    /// One move inside the pipeline (retried on a file-lock conflict). The free name is chosen inside it, so each
    /// attempt picks a name free at that moment; <c>overwrite: false</c> makes losing a race for the name an
    /// exception (the job fails and the next firing takes the file again), never a lost file.
    /// </summary>
    private string Move(string source, string folder) =>
        fileMoves.Execute(static state =>
        {
            PrivateFiles.CreateFolder(state.Folder, AtomicFile.Options);
            var destination = FreeName(state.Folder, Path.GetFileName(state.Source));
            File.Move(state.Source, destination, overwrite: false);

            // Kept in the archive: readable as the outputs are, not as the department's copy left it.
            PrivateFiles.Restrict(destination, AtomicFile.Options);
            return destination;
        }, (Source: source, Folder: folder));

    /// <summary><c>name.csv</c>, else <c>name (2).csv</c>, <c>name (3).csv</c>…; a name whose error note is left over counts as taken.</summary>
    private static string FreeName(string folder, string name)
    {
        var candidate = Path.Combine(folder, name);
        var stem = Path.GetFileNameWithoutExtension(name);
        var extension = Path.GetExtension(name);
        for (var n = 2; File.Exists(candidate) || Directory.Exists(candidate) || File.Exists(candidate + ErrorSuffix); n++)
        {
            candidate = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{stem} ({n}){extension}"));
        }

        return candidate;
    }

    private static bool IsTemporary(FileInfo file)
    {
        var name = file.Name;
        foreach (var prefix in TempPrefixes)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        foreach (var suffix in TempSuffixes)
        {
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return file.Attributes.HasFlag(FileAttributes.Hidden);
    }

    /// <summary>
    /// Whether nobody else has the file open, and its size. Windows enforces the share mode for every program.
    /// Linux only sees holders that take an advisory lock (other .NET processes, flock users); a plain writer
    /// such as cp or Samba is not seen, so there the modification-time rule does the work.
    /// </summary>
    private static bool TryOpenExclusive(string path, out long size)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None, bufferSize: 1);
            size = stream.Length;
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Held by a writer, gone meanwhile, or not readable by the worker: not taken this time.
            size = 0;
            return false;
        }
    }
}
