using Matching.Storage;
using Microsoft.Data.Sqlite;

namespace Matching.Cli.Linkage;

/// <summary>Where this database's population image lives (<see cref="PopulationImageCache"/>).</summary>
internal static class PopulationImages
{
    /// <summary>
    /// A SQLite file's images go beside it (<c>&lt;db&gt;.index/</c>): they move and go with it. A server's go to
    /// <c>run:populationImageFolder</c>. An in-memory SQLite database has none.
    /// </summary>
    public static PopulationImageCache? For(StorageOptions storage, RunSettings run)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(run);
        if (storage.Provider != DatabaseProvider.Sqlite)
        {
            return new PopulationImageCache(Path.GetFullPath(run.PopulationImageFolder));
        }

        var builder = new SqliteConnectionStringBuilder(storage.ConnectionString);
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:")
        {
            return null;
        }

        return new PopulationImageCache(Path.GetFullPath(builder.DataSource) + ".index");
    }
}
