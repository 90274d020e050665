using System.Diagnostics;
using System.Net.Sockets;

namespace Matching.Testing;

/// <summary>Files that are not regular files, for the hostile-input tests (Unix only: a FIFO, a socket, a link to a device).</summary>
public static class SpecialFiles
{
    /// <summary>Creates a named pipe (FIFO) with <c>mkfifo</c>; returns the path. Opening it for reading waits for a writer.</summary>
    public static string Fifo(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("mkfifo did not start");
        if (!mkfifo.WaitForExit(10_000) || mkfifo.ExitCode != 0)
        {
            throw new InvalidOperationException($"mkfifo {path} failed");
        }

        return path;
    }

    /// <summary>A Unix domain socket bound at <paramref name="path"/>; the file goes when the socket is disposed.</summary>
    public static Socket BoundSocket(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        return socket;
    }

    /// <summary>A symbolic link at <paramref name="path"/> to <c>/dev/zero</c>, which never ends; returns the path.</summary>
    public static string LinkToDevZero(string path)
    {
        File.CreateSymbolicLink(path, "/dev/zero");
        return path;
    }
}
