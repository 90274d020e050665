using System.Text;

namespace Matching.Testing;

/// <summary>A unique temporary folder for one test class instance, deleted on <see cref="Dispose"/>.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix = "matching-test-")
    {
        Root = Directory.CreateTempSubdirectory(prefix).FullName;
    }

    /// <summary>The folder's full path.</summary>
    public string Root { get; }

    /// <summary>The full path of <paramref name="name"/> inside the folder (not created).</summary>
    public string PathOf(string name) => Path.Combine(Root, name);

    /// <summary>Writes <paramref name="text"/> in <paramref name="encoding"/> (UTF-8 without BOM when null); returns the path.</summary>
    public string WriteText(string name, string text, Encoding? encoding = null)
    {
        var path = PathOf(name);
        File.WriteAllText(path, text, encoding ?? new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }

    /// <summary>Writes raw bytes; returns the path.</summary>
    public string WriteBytes(string name, byte[] bytes)
    {
        var path = PathOf(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open on some platforms: the OS cleans its temp folder.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
