namespace Matching.Storage.Tests;

/// <summary>The store on PostgreSQL: the whole suite, against a live server (CI starts one; skipped without it).</summary>
public sealed class PostgresMatchingStoreTests : MatchingStoreTests<PostgresTestDatabase>;
