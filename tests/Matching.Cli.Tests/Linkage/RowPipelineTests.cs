using System.Text;
using Matching.Cli.Linkage;
using Matching.Core.Errors;
using Matching.Ingest;
using Matching.Ingest.HeaderMaps;
using Matching.Ingest.Tables;
using Matching.Testing;

namespace Matching.Cli.Tests.Linkage;

public sealed class RowPipelineTests : IDisposable
{
    private static readonly HeaderMapCatalog Catalog = HeaderMapCatalog.Load(HeaderMapCatalog.DefaultDirectory);

    private readonly TempFolder _temp = new("row-pipeline-");

    [Fact]
    public void Next_FileOfMoreBatchesThanInFlight_EveryRowOnceInFileOrderWithItsKey()
    {
        // More batches than the pipeline has: each is handed back and read into again.
        const int rows = (9 * RowPipeline.BatchRows) + 300;
        using var table = Open(Unemployment(rows));
        var unusable = 0;
        var seen = new List<(long Row, long Key)>();

        using (var pipeline = new RowPipeline(table, Columns(table), () => unusable++))
        {
            while (pipeline.Next() is { } batch)
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    seen.Add((batch.Rows.SourceRow(i), batch.Keys[i]));
                }

                pipeline.Return(batch);
            }
        }

        Assert.Equal(Enumerable.Range(2, rows).Select(r => (long)r), seen.Select(s => s.Row));
        Assert.Equal(Enumerable.Range(1, rows).Select(p => TestIds.Valid(p).Key), seen.Select(s => s.Key));
        Assert.Equal(0, unusable);
    }

    [Fact]
    public void Next_UnusableIdsInTwoBatches_ToldOnceAndKeyZero()
    {
        var text = Unemployment((2 * RowPipeline.BatchRows) + 10)
            .Replace(TestIds.Valid(RowPipeline.BatchRows + 5).Value, "4.19001E+17", StringComparison.Ordinal)
            .Replace(TestIds.Valid((2 * RowPipeline.BatchRows) + 7).Value, "12345", StringComparison.Ordinal);
        using var table = Open(text);
        var unusable = 0;
        var keys = new List<long>();

        using (var pipeline = new RowPipeline(table, Columns(table), () => unusable++))
        {
            while (pipeline.Next() is { } batch)
            {
                keys.AddRange(batch.Keys.ToArray());
                pipeline.Return(batch);
            }
        }

        Assert.Equal(1, unusable);
        Assert.Equal([RowPipeline.BatchRows + 4, (2 * RowPipeline.BatchRows) + 6], keys.Select((k, i) => (k, i)).Where(p => p.k == 0).Select(p => p.i));
    }

    [Fact]
    public void Next_UnusableIdOnlyInARowWithExtraCells_NotTold()
    {
        var text = Unemployment(20).Replace(TestIds.Valid(5).Value + ",", "12345,多出,", StringComparison.Ordinal);
        using var table = Open(text);
        var unusable = 0;

        using (var pipeline = new RowPipeline(table, Columns(table), () => unusable++))
        {
            while (pipeline.Next() is { } batch)
            {
                Assert.True(batch.Rows.HasExtraCells(4));
                pipeline.Return(batch);
            }
        }

        Assert.Equal(0, unusable);
    }

    [Fact]
    public void Next_HeaderAgainMidFile_RowsBeforeItThenTheReadersErrorOnTheCallersThread()
    {
        var text = new StringBuilder(Unemployment(RowPipeline.BatchRows + 100));
        text.Append("姓名,公民身份号码,失业登记日期\n").Append("张三,").Append(TestIds.Valid(9999).Value).Append(",2026-01-01\n");
        using var table = Open(text.ToString());
        var rows = 0;

        using var pipeline = new RowPipeline(table, Columns(table), () => { });
        var error = Assert.Throws<InputFileException>(() =>
        {
            while (pipeline.Next() is { } batch)
            {
                rows += batch.Count;
                pipeline.Return(batch);
            }
        });

        Assert.Equal(RowPipeline.BatchRows, rows); // the batch holding the repeated header is never handed over
        Assert.Contains("unemployment.csv", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_CallerStopsAfterOneBatch_ReaderStops()
    {
        using var table = Open(Unemployment(10 * RowPipeline.BatchRows));
        var pipeline = new RowPipeline(table, Columns(table), () => { });
        Assert.NotNull(pipeline.Next());

        // The reader is waiting for a free batch (none is returned): disposing must stop it, not wait for it forever.
        var disposed = Task.Run(pipeline.Dispose);

        Assert.Same(disposed, await Task.WhenAny(disposed, Task.Delay(TimeSpan.FromSeconds(30))));
    }

    private static (int, int, int) Columns(SourceTable table) =>
        (table.Column(HeaderMap.IdField), table.Column(HeaderMap.NameField), table.Column(HeaderMap.BirthDateField));

    private static string Unemployment(int rows)
    {
        var text = new StringBuilder("姓名,公民身份号码,失业登记日期\n");
        for (var p = 1; p <= rows; p++)
        {
            text.Append("张三,").Append(TestIds.Valid(p).Value).Append(",2026-01-01\n");
        }

        return text.ToString();
    }

    private SourceTable Open(string text) =>
        SourceTable.Open(_temp.WriteText("unemployment.csv", text), Catalog.Get("unemployment"), IngestLimits.Default);

    public void Dispose() => _temp.Dispose();
}
