namespace Matching.Ingest.Tables;

/// <summary>What a path names, links followed (see <see cref="FileStatus"/>).</summary>
internal enum FileKind
{
    Missing,
    Regular,
    Directory,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
    Other,
}
