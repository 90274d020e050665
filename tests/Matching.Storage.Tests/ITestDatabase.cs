using Matching.Storage;

namespace Matching.Storage.Tests;

/// <summary>
/// One database engine the store tests run against: where a fresh, empty database for one test lives, and how to let
/// go of it afterwards. SQLite always runs; server engines join when their connection string is configured.
/// </summary>
public interface ITestDatabase
{
    /// <summary>Options for a fresh, empty database; <paramref name="folder"/> is the test's own temp folder.</summary>
    StorageOptions CreateOptions(string folder);

    /// <summary>Releases what the test left behind (pooled connections, a scratch database).</summary>
    void Release();
}
