using System.Data.Common;
using Matching.Core.Errors;
using Microsoft.Data.Sqlite;
using Matching.Storage.Localization;

namespace Matching.Storage.Dialects;

/// <summary>SQLite through Microsoft.Data.Sqlite: the embedded default.</summary>
/// <param name="pageCacheMegabytes">Each connection's page cache (<see cref="StorageOptions.PageCacheMegabytes"/>).</param>
public sealed class SqliteDialect(int pageCacheMegabytes = StorageOptions.DefaultPageCacheMegabytes) : ISqlDialect
{
    public string Folder => "sqlite";

    public DbConnection CreateConnection(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var full = Path.GetFullPath(builder.DataSource);
            if (builder.Mode == SqliteOpenMode.ReadWriteCreate)
            {
                var folder = Path.GetDirectoryName(full);
                if (folder is not null)
                {
                    Directory.CreateDirectory(folder);
                }
            }
            else if (!File.Exists(full))
            {
                // Mode=ReadWrite (StorageOptions.WithCreation(false)): SQLite would refuse with "unable to open".
                throw new MatchingException(Text.Format("SqliteMissing", ConnectionSecrets.Mask(builder.DataSource)));
            }
        }

        return new SqliteConnection(builder.ToString());
    }

    public async Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();

        // A new database gets pages of 16 KB instead of SQLite's 4 KB (set before WAL, whose switch writes the file's
        // header; an existing database keeps its own): the imports append rows of 20-odd columns, and with four times
        // fewer pages to find, fill and log a 1M-row department file loaded 3.56 -> 3.00 s. WAL lets readers go on while an import writes;
        // NORMAL is durable at each commit under WAL; checkpoints at SQLite's default (the imports turn the foreign keys
        // off for their load, the low-income one its checkpoints too, and a pooled connection comes back with both as
        // here). The page cache (StorageOptions.PageCacheMegabytes, in bytes whatever the page size) is set before the
        // connection reads anything.
        command.CommandText = "PRAGMA page_size=16384; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA wal_autocheckpoint=1000; PRAGMA cache_size=" +
            (-1024L * Math.Max(1, pageCacheMegabytes)).ToString(System.Globalization.CultureInfo.InvariantCulture) + ";";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public string MemberOrder => "rowid";

    public string NotIndexed(string column) => "+" + column;

    public string NotSameRow(string other, string row) => $" AND {other}.rowid <> {row}.rowid";

    public string ManyRows(string verb) => verb + " OR FAIL";

    /// <summary>Rows bound and stepped through SQLite's C API (<see cref="SqliteRawInsert"/>); an upsert by <c>ON CONFLICT … DO UPDATE</c>.</summary>
    public IBulkLoader CreateBulkLoader(DbConnection connection, DbTransaction transaction, BulkTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new SqliteRawInsert((SqliteConnection)connection, target);
    }
}
