using Matching.Storage;
using Microsoft.Data.Sqlite;

namespace Matching.Storage.Tests;

/// <summary>A SQLite file in the test's temp folder, opened the way an operator's <c>--db path</c> would be.</summary>
public sealed class SqliteTestDatabase : ITestDatabase
{
    public StorageOptions CreateOptions(string folder) => StorageOptions.Resolve(Path.Combine(folder, "data", "matching.db"), null);

    // Pooled connections keep the file open; dropping them lets the temp folder go.
    public void Release() => SqliteConnection.ClearAllPools();
}
