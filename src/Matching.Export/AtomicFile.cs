using System.Security.Cryptography;
using Matching.Core.Errors;
using Matching.Export.Localization;

namespace Matching.Export;

/// <summary>
/// An output file that appears under its name whole or not at all: written to a temporary file in the same folder
/// (<c>.name.xxxxxxxx.tmp</c>: hidden, so a drop folder or a department's sync never takes it), flushed to disk and
/// renamed over the final name by <see cref="Commit"/>. The file and any folder created for it get the modes of
/// <see cref="OutputOptions.FileMode"/> (<see cref="PrivateFiles"/>). Disposing without committing deletes the temporary file, so
/// a full disk, an exception or a kill never leaves a truncated file under the final name (a kill leaves at most the
/// hidden temporary file). The rename replaces whatever has the final name, a symbolic link included, instead of
/// writing through it; an output folder that is itself a link is refused unless
/// <see cref="OutputOptions.AllowLinkedFolder"/>.
/// </summary>
public sealed class AtomicFile : IDisposable, IAsyncDisposable
{
    private static readonly AsyncLocal<OutputOptions?> Ambient = new();

    private readonly FileStream _stream;
    private readonly HashingStream? _hashing;
    private bool _finished;

    private AtomicFile(string path, string temporary, FileStream stream, bool hashed)
    {
        Path = path;
        TemporaryPath = temporary;
        _stream = stream;
        if (hashed)
        {
            _hashing = new HashingStream(stream, HashAlgorithmName.SHA256);
        }
    }

    /// <summary>
    /// The output settings of the command running in this asynchronous flow, set once by the command line from
    /// <c>matching.json</c> (a test or a worker job sets its own without touching another's); default
    /// <see cref="OutputOptions.Default"/>.
    /// </summary>
    public static OutputOptions Options
    {
        get => Ambient.Value ?? OutputOptions.Default;
        set => Ambient.Value = value;
    }

    /// <summary>The final name, as given.</summary>
    public string Path { get; }

    /// <summary>The temporary file being written.</summary>
    public string TemporaryPath { get; }

    /// <summary>
    /// The temporary file's stream; owned by this object. Of a hashed file (<see cref="Create(string, bool)"/>), a
    /// stream that hashes what it passes on, written forwards only.
    /// </summary>
    public Stream Stream => (Stream?)_hashing ?? _stream;

    /// <summary>
    /// The SHA-256 of the file as committed, in lower-case hex, for a file created hashed; null before
    /// <see cref="Commit"/> and for a file created without it.
    /// </summary>
    public string? Sha256 { get; private set; }

    /// <summary>Starts writing <paramref name="path"/> (its folder is created if missing), under <see cref="Options"/>.</summary>
    /// <exception cref="MatchingException">The folder is a link, the path a folder, or the file cannot be created.</exception>
    public static AtomicFile Create(string path) => Create(path, Options);

    /// <summary>
    /// Starts writing <paramref name="path"/> under <see cref="Options"/>; when <paramref name="hashed"/>, its SHA-256 is
    /// computed from the bytes as they are written (<see cref="Sha256"/>), so that a large output is not read back
    /// for the access audit. The stream is then written forwards only (no seeking).
    /// </summary>
    /// <exception cref="MatchingException">The folder is a link, the path a folder, or the file cannot be created.</exception>
    public static AtomicFile Create(string path, bool hashed) => Create(path, Options, hashed);

    /// <summary>Starts writing <paramref name="path"/> (its folder is created if missing).</summary>
    /// <exception cref="MatchingException">The folder is a link, the path a folder, or the file cannot be created.</exception>
    public static AtomicFile Create(string path, OutputOptions options) => Create(path, options, hashed: false);

    private static AtomicFile Create(string path, OutputOptions options, bool hashed)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        var full = System.IO.Path.GetFullPath(path);
        var folder = System.IO.Path.GetDirectoryName(full) ?? throw new MatchingException(Text.Format("NotAFilePath", path));
        try
        {
            var info = new DirectoryInfo(folder);
            if (info.Exists && info.LinkTarget is { } target && !options.AllowLinkedFolder)
            {
                throw new MatchingException(Text.Format("LinkedFolder", folder, target));
            }

            if (Directory.Exists(full))
            {
                throw new MatchingException(Text.Format("IsAFolder", path));
            }

            PrivateFiles.CreateFolder(folder, options);

            // CreateNew: fails rather than follow anything that already has the name (it never has: a random name).
            var temporary = System.IO.Path.Combine(folder, $".{System.IO.Path.GetFileName(full)}.{Guid.NewGuid().ToString("N")[..8]}.tmp");
            // Created with the output mode (0600 by default), so the rename publishes a file only its owner can read.
            var stream = PrivateFiles.CreateNew(temporary, options);
            return new AtomicFile(path, temporary, stream, hashed);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new MatchingException(Text.Format("CannotWrite", path, ex.Message), ex);
        }
    }

    /// <summary>Flushes the file to disk and renames it over <see cref="Path"/>.</summary>
    /// <exception cref="MatchingException">The disk is full, or the rename fails; the temporary file is deleted.</exception>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        try
        {
            // Everything is written: the hash is whole before the file is published (one that failed publishes nothing).
            var digest = _hashing?.Digest();
            _stream.Flush(flushToDisk: true);
            _stream.Dispose();
            File.Move(TemporaryPath, Path, overwrite: true);
            _finished = true;
            if (digest is not null)
            {
                Sha256 = Convert.ToHexStringLower(digest);
                _hashing!.Dispose();
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Discard();
            throw new MatchingException(Text.Format("CannotWrite", Path, ex.Message), ex);
        }
    }

    /// <summary>Flushes the file to disk and renames it over <see cref="Path"/>.</summary>
    /// <exception cref="MatchingException">The disk is full, or the rename fails; the temporary file is deleted.</exception>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Stream.FlushAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Discard();
            throw new MatchingException(Text.Format("CannotWrite", Path, ex.Message), ex);
        }

        Commit();
    }

    /// <summary>Deletes the temporary file unless committed.</summary>
    public void Dispose()
    {
        if (!_finished)
        {
            Discard();
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private void Discard()
    {
        // The hashing stream holds nothing of the file's own (its thread and the hash are disposed below): the file's
        // handle is closed here, even when flushing what it buffers fails (a full disk).
        try
        {
            _stream.Dispose();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Flushing the rest failed (a full disk): the file is deleted below all the same.
        }

        try
        {
            File.Delete(TemporaryPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Nothing more to do: a hidden .tmp file is left, never a truncated file under the final name.
        }

        _hashing?.Dispose();
        _finished = true;
    }
}
