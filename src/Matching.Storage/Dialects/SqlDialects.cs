namespace Matching.Storage.Dialects;

/// <summary>Picks the dialect of a provider.</summary>
public static class SqlDialects
{
    public static ISqlDialect For(DatabaseProvider provider) => For(provider, StorageOptions.DefaultPageCacheMegabytes);

    /// <summary>The dialect of <paramref name="options"/>' provider, with its settings.</summary>
    public static ISqlDialect For(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return For(options.Provider, options.PageCacheMegabytes);
    }

    private static ISqlDialect For(DatabaseProvider provider, int pageCacheMegabytes) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteDialect(pageCacheMegabytes),
        DatabaseProvider.Postgres => new PostgresDialect(),
        DatabaseProvider.SqlServer => new SqlServerDialect(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "not a database provider (sqlite, postgres, sqlserver)"),
    };
}
