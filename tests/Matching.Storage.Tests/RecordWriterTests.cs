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

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Fill_EverySlotGiven_EachValueInItsTargetColumn(bool withEvent)
    {
        var values = new RecordValues();
        values.SetText(0, "一中");
        values.SetText(1, "高二");
        values.SetText(3, "末");
        values.SetDate(1, new DateOnly(2026, 10, 27));
        values.SetFen(0, 150_000);
        values.SetFen(3, -1);
        values.SetFlag(0, true);
        values.SetFlag(1, false);
        EventKey? key = withEvent ? new EventKey(739_915, new UInt128(7, 11)) : null;
        var row = new object?[RecordWriter.Target.Columns.Count];

        RecordWriter.Fill(row, 5, 42, "Valid18", 410_000L, "41x", "张三", "2008-01-02", key, values);

        var byName = RecordWriter.Target.Columns.Select((c, i) => (c.Name, Value: row[i])).ToDictionary(c => c.Name, c => c.Value);
        Assert.Equal(new Dictionary<string, object?>
        {
            ["batch_id"] = 5L, ["source_row"] = 42L, ["id_kind"] = "Valid18", ["id_key"] = 410_000L, ["raw_id"] = "41x", ["name"] = "张三",
            ["birth"] = "2008-01-02", ["counted"] = 1L,
            ["event_day"] = withEvent ? 739_915L : null, ["event_hi"] = withEvent ? 7L : null, ["event_lo"] = withEvent ? 11L : null,
            ["text0"] = "一中", ["text1"] = "高二", ["text2"] = null, ["text3"] = "末", ["date0"] = null, ["date1"] = "2026-10-27",
            ["fen0"] = 150_000L, ["fen1"] = null, ["fen2"] = null, ["fen3"] = -1L, ["flag0"] = 1L, ["flag1"] = 0L,
        }, byName);
    }
}
