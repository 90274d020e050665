namespace Matching.Export;

/// <summary>
/// Least disclosure on disk: every file Matching writes holds personal data (full ID numbers, health, disability,
/// income), so on Unix files are created <see cref="OutputOptions.FileModeBits"/> (default 0600, owner only) and the
/// folders Matching creates <see cref="OutputOptions.FolderModeBits"/> (0700, or 0750 for a group mode). The mode is
/// set explicitly after creation, so the process's umask cannot widen or narrow it. Windows has no mode bits: there
/// the service folder's ACL decides (README, "Personal data").
/// </summary>
public static class PrivateFiles
{
    /// <summary>Creates <paramref name="folder"/> and any missing parent, each with the folder mode; an existing folder is left as it is.</summary>
    public static DirectoryInfo CreateFolder(string folder, OutputOptions options)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(options);
        if (OperatingSystem.IsWindows())
        {
            return Directory.CreateDirectory(folder);
        }

        var missing = new Stack<string>();
        for (var dir = Path.GetFullPath(folder); !string.IsNullOrEmpty(dir) && !Directory.Exists(dir); dir = Path.GetDirectoryName(dir))
        {
            missing.Push(dir);
        }

        var info = Directory.CreateDirectory(folder, options.FolderModeBits);
        foreach (var created in missing)
        {
            File.SetUnixFileMode(created, options.FolderModeBits);
        }

        return info;
    }

    /// <summary>A new file's stream (<see cref="FileMode.CreateNew"/>), created with the file mode.</summary>
    public static FileStream CreateNew(string path, OutputOptions options, FileAccess access = FileAccess.Write, FileOptions fileOptions = FileOptions.Asynchronous)
    {
        ArgumentNullException.ThrowIfNull(options);
        var streamOptions = new FileStreamOptions
        {
            Mode = FileMode.CreateNew, Access = access, Share = FileShare.None, BufferSize = 1 << 16, Options = fileOptions,
        };
        if (!OperatingSystem.IsWindows())
        {
            streamOptions.UnixCreateMode = options.FileModeBits;
        }

        var stream = new FileStream(path, streamOptions);
        Restrict(path, options);
        return stream;
    }

    /// <summary>Sets a file Matching wrote (or moved into its folders) to the file mode.</summary>
    public static void Restrict(string path, OutputOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!OperatingSystem.IsWindows() && File.Exists(path))
        {
            File.SetUnixFileMode(path, options.FileModeBits);
        }
    }

    /// <summary>Writes a small text file whole with the file mode (a note beside a rejected file).</summary>
    public static void WriteAllText(string path, string text, System.Text.Encoding encoding, OutputOptions options)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        using (var stream = CreateNewOrTruncate(path, options))
        {
            var bytes = encoding.GetPreamble().Concat(encoding.GetBytes(text)).ToArray();
            stream.Write(bytes);
        }

        Restrict(path, options);
    }

    private static FileStream CreateNewOrTruncate(string path, OutputOptions options)
    {
        var streamOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            streamOptions.UnixCreateMode = options.FileModeBits;
        }

        return new FileStream(path, streamOptions);
    }
}
