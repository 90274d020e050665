namespace Matching.Storage.Dialects;

/// <summary>Picks the dialect of a provider.</summary>
public static class SqlDialects
{
    public static ISqlDialect For(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteDialect(),
        DatabaseProvider.Postgres => new PostgresDialect(),
        DatabaseProvider.SqlServer => new SqlServerDialect(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "not a database provider (sqlite, postgres, sqlserver)"),
    };
}
