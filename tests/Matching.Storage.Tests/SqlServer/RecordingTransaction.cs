using System.Data;
using System.Data.Common;

namespace Matching.Storage.Tests.SqlServer;

/// <summary>A transaction of a <see cref="RecordingConnection"/>: committing and rolling back do nothing.</summary>
internal sealed class RecordingTransaction(RecordingConnection connection, IsolationLevel isolationLevel) : DbTransaction
{
    public override IsolationLevel IsolationLevel => isolationLevel;

    protected override DbConnection DbConnection => connection;

    public override void Commit()
    {
    }

    public override void Rollback()
    {
    }
}
