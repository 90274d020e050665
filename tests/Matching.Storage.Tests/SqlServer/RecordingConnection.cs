using System.Data;
using System.Data.Common;

namespace Matching.Storage.Tests.SqlServer;

/// <summary>
/// A connection that runs nothing: it records the text of every command executed on it, in order, and answers
/// from <see cref="Scalar"/> and <see cref="Rows"/> (by default 1, and no rows). What Dapper sends through it is what a
/// server would receive, list parameters already expanded.
/// </summary>
internal sealed class RecordingConnection : DbConnection
{
    public List<string> Statements { get; } = [];

    /// <summary>The value of an <c>ExecuteScalar</c>, by statement.</summary>
    public Func<string, object?> Scalar { get; init; } = _ => 1;

    /// <summary>The rows a query returns, by statement; null for none.</summary>
    public Func<string, DataTable?> Rows { get; init; } = _ => null;

    [System.Diagnostics.CodeAnalysis.AllowNull]
    public override string ConnectionString { get; set; } = string.Empty;

    public override string Database => "recorded";

    public override string DataSource => "recorded";

    public override string ServerVersion => "16.0";

    public override ConnectionState State => ConnectionState.Open;

    public override void ChangeDatabase(string databaseName)
    {
    }

    public override void Close()
    {
    }

    public override void Open()
    {
    }

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => new RecordingTransaction(this, isolationLevel);

    protected override DbCommand CreateDbCommand() => new RecordingCommand(this);
}
