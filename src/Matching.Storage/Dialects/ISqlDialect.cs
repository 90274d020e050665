using System.Data.Common;

namespace Matching.Storage.Dialects;

/// <summary>
/// What differs between database engines: the connection, session set-up, the migration folder and the few
/// statements whose syntax differs. Everything else is plain SQL shared by all.
/// </summary>
public interface ISqlDialect
{
    /// <summary>The folder under <c>Sql/</c> holding this engine's numbered migrations.</summary>
    string Folder { get; }

    DbConnection CreateConnection(string connectionString);

    /// <summary>Runs once on each opened connection (pragmas, session settings).</summary>
    Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Inserts an import batch and returns its id.</summary>
    string InsertBatch { get; }

    /// <summary>What follows a household INSERT's VALUES so that an existing household is refreshed.</summary>
    string UpsertHouseholdTail { get; }

    /// <summary>What follows a member INSERT's VALUES so that an existing member is refreshed.</summary>
    string UpsertMemberTail { get; }
}
