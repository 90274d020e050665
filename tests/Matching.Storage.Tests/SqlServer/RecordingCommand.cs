using System.Data;
using System.Data.Common;
using Microsoft.Data.SqlClient;

namespace Matching.Storage.Tests.SqlServer;

/// <summary>
/// A command of a <see cref="RecordingConnection"/>: executing records its text and answers from the connection.
/// Parameters are SqlClient's own, as a SqlCommand would hold them.
/// </summary>
internal sealed class RecordingCommand(RecordingConnection connection) : DbCommand
{
    private readonly SqlCommand _parameters = new();

    [System.Diagnostics.CodeAnalysis.AllowNull]
    public override string CommandText { get; set; } = string.Empty;

    public override int CommandTimeout { get; set; } = 30;

    public override CommandType CommandType { get; set; } = CommandType.Text;

    public override bool DesignTimeVisible { get; set; }

    public override UpdateRowSource UpdatedRowSource { get; set; }

    protected override DbConnection? DbConnection { get; set; }

    protected override DbParameterCollection DbParameterCollection => _parameters.Parameters;

    protected override DbTransaction? DbTransaction { get; set; }

    public override void Cancel()
    {
    }

    public override int ExecuteNonQuery()
    {
        connection.Statements.Add(CommandText);
        return 1;
    }

    public override object? ExecuteScalar()
    {
        connection.Statements.Add(CommandText);
        return connection.Scalar(CommandText);
    }

    public override void Prepare()
    {
    }

    protected override DbParameter CreateDbParameter() => new SqlParameter();

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
    {
        connection.Statements.Add(CommandText);
        var rows = connection.Rows(CommandText) ?? new DataTable();
        return rows.CreateDataReader();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _parameters.Dispose();
        }

        base.Dispose(disposing);
    }
}
