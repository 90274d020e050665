using Matching.Core.Departments;

namespace Matching.Storage.Tests;

/// <summary>The columns a batch's record rows are written with (<see cref="RecordWriter.ColumnsFor"/>).</summary>
public sealed class RecordWriterTests
{
    [Fact]
    public void ColumnsFor_Snapshot_TheRecordsOwnAndTheSlotsItsLayoutNames_NoEvent()
    {
        var columns = RecordWriter.ColumnsFor(RecordLayout.Parse("school:text:0,grade:text:1,hardship:flag:0"), ledger: false);

        Assert.Equal("source_record", columns.Table);
        Assert.Equal(["batch_id", "source_row", "id_kind", "id_key", "raw_id", "name", "birth", "counted", "text0", "text1", "flag0"],
            columns.Columns.Select(c => c.Name));
        Assert.All(columns.Columns, c => Assert.Contains(c, RecordWriter.Target.Columns));
    }

    [Fact]
    public void ColumnsFor_Ledger_TheEventToo_SlotsInTheStoredOrder()
    {
        var columns = RecordWriter.ColumnsFor(RecordLayout.Parse("selfPaid:amount:2,settlementNo:text:0,visitDate:date:0,total:amount:0"), ledger: true);

        Assert.Equal(["batch_id", "source_row", "id_kind", "id_key", "raw_id", "name", "birth", "counted", "event_day", "event_hi", "event_lo",
            "text0", "date0", "fen0", "fen2"], columns.Columns.Select(c => c.Name));
    }
}
