namespace Matching.Storage;

/// <summary>The database engines Matching can store into.</summary>
public enum DatabaseProvider
{
    /// <summary>Embedded SQLite file: the default for a city.</summary>
    Sqlite,

    /// <summary>Microsoft SQL Server.</summary>
    SqlServer,

    /// <summary>PostgreSQL and compatible servers (openGauss, KingbaseES).</summary>
    Postgres,
}
