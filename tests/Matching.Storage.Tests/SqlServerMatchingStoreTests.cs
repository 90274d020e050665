namespace Matching.Storage.Tests;

/// <summary>
/// The store on SQL Server: the whole suite, against a live server (skipped without one; the T-SQL parse tests in
/// <c>SqlServer/</c> always run).
/// </summary>
public sealed class SqlServerMatchingStoreTests : MatchingStoreTests<SqlServerTestDatabase>;
