using Matching.Core.Errors;
using Matching.Storage;

namespace Matching.Storage.Tests;

public sealed class StorageOptionsTests
{
    [Theory]
    [InlineData("data/matching.db")]
    [InlineData("/srv/matching/城市.db")]
    [InlineData(@"D:\民政\matching.db")]
    public void Resolve_BarePath_SqliteDataSource(string path)
    {
        var options = StorageOptions.Resolve(path, null);

        Assert.Equal(new StorageOptions(DatabaseProvider.Sqlite, "Data Source=" + path), options);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Resolve_NoDb_DefaultSqliteFile(string? db)
    {
        var options = StorageOptions.Resolve(db, null);

        Assert.Equal(new StorageOptions(DatabaseProvider.Sqlite, "Data Source=" + StorageOptions.DefaultSqliteFile), options);
    }

    [Theory]
    [InlineData("Host=db.local;Database=matching;Username=matching", DatabaseProvider.Postgres)]
    [InlineData("host=db.local;port=5432;database=matching", DatabaseProvider.Postgres)]
    [InlineData("Server=db.local;Database=matching;Trusted_Connection=True", DatabaseProvider.SqlServer)]
    [InlineData("Data Source=db.local;Initial Catalog=matching;Integrated Security=True", DatabaseProvider.SqlServer)]
    [InlineData("Data Source=data/matching.db;Cache=Shared", DatabaseProvider.Sqlite)]
    public void Resolve_ConnectionString_ProviderFromItsKeysAndStringKept(string db, DatabaseProvider expected)
    {
        var options = StorageOptions.Resolve(db, null);

        Assert.Equal(new StorageOptions(expected, db), options);
    }

    [Theory]
    [InlineData("Host=db.local;Database=matching", "sqlserver", DatabaseProvider.SqlServer)]
    [InlineData("Server=db.local;Database=matching", "postgres", DatabaseProvider.Postgres)]
    [InlineData("Server=db.local;Database=matching", " PostgreSQL ", DatabaseProvider.Postgres)]
    [InlineData("Host=db.local", "npgsql", DatabaseProvider.Postgres)]
    [InlineData("Host=db.local", "MSSQL", DatabaseProvider.SqlServer)]
    public void Resolve_ExplicitProvider_Wins(string db, string provider, DatabaseProvider expected)
    {
        var options = StorageOptions.Resolve(db, provider);

        Assert.Equal(new StorageOptions(expected, db), options);
    }

    [Fact]
    public void Resolve_ExplicitSqliteWithBarePath_DataSourceAdded()
    {
        Assert.Equal(new StorageOptions(DatabaseProvider.Sqlite, "Data Source=m.db"), StorageOptions.Resolve(" m.db ", "sqlite"));
    }

    [Fact]
    public void Resolve_UnknownProvider_ThrowsNamingIt()
    {
        var error = Assert.Throws<MatchingException>(() => StorageOptions.Resolve("m.db", "oracle"));

        Assert.Contains("oracle", error.Message, StringComparison.Ordinal);
        Assert.Contains("sqlite", error.Message, StringComparison.Ordinal);
    }
}
