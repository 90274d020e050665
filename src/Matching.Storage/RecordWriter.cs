using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Matching.Core.Departments;
using Matching.Core.Identity;
using Matching.Core.Pipelines;
using Matching.Core.Tables;
using Matching.Storage.Dialects;

namespace Matching.Storage;

/// <summary>
/// Writes a batch's department records as they are read, through the dialect's bulk loader, and counts them. Only
/// <see cref="BatchStore.ImportDepartmentAsync"/> makes one, inside the import's transaction. The loading runs on the
/// second core: <see cref="WriteAsync"/> turns the record into its row in a chunk of rows and returns; a full chunk
/// goes (through a <see cref="ChunkRing{T}"/>) to a task that hands its rows to the loader, while the reader parses the next ones (a 1M-row school list:
/// parsing and SQLite's inserts take about as long as each other). Only that task uses the connection until
/// <see cref="FlushAsync"/> or <see cref="DisposeAsync"/> has waited for it.
/// </summary>
public sealed class RecordWriter : IAsyncDisposable
{
    /// <summary>The columns of a record row, in the order <see cref="WriteAsync"/> gives them.</summary>
    internal static readonly BulkTarget Target = new("source_record",
    [
        new("batch_id", BulkColumnType.Whole), new("source_row", BulkColumnType.Whole), new("id_kind", BulkColumnType.Text),
        new("id_key", BulkColumnType.Whole), new("raw_id", BulkColumnType.Text), new("name", BulkColumnType.Text), new("birth", BulkColumnType.Text),
        new("counted", BulkColumnType.Whole), new("event_day", BulkColumnType.Whole), new("event_hi", BulkColumnType.Whole), new("event_lo", BulkColumnType.Whole),
        new("text0", BulkColumnType.Text), new("text1", BulkColumnType.Text), new("text2", BulkColumnType.Text), new("text3", BulkColumnType.Text),
        new("date0", BulkColumnType.Text), new("date1", BulkColumnType.Text),
        new("fen0", BulkColumnType.Whole), new("fen1", BulkColumnType.Whole), new("fen2", BulkColumnType.Whole), new("fen3", BulkColumnType.Whole),
        new("flag0", BulkColumnType.Whole), new("flag1", BulkColumnType.Whole),
    ], Key: [], Keep: []);

    /// <summary>How many of <see cref="Target"/>'s columns every row carries (batch_id to counted), and the event's after them.</summary>
    private const int RecordColumns = 8, EventColumns = 3;

    /// <summary>Rows a chunk holds.</summary>
    private const int ChunkRows = 2048;

    /// <summary>Chunks in circulation: one filling, one loading, two waiting either way.</summary>
    private const int Chunks = 4;

    /// <summary>Each ID kind's stored name, made once rather than per row.</summary>
    private static readonly string[] KindNames = NamesOf(Enum.GetValues<IdKind>());

    private readonly IBulkLoader _loader;
    private readonly long _batchId;

    // Which of Target's columns the rows carry, in their order (Columns).
    private readonly int[] _columns;
    private readonly ChunkRing<Chunk> _chunks;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loading;
    private Chunk? _filling;
    private bool _finished;

    internal RecordWriter(IBulkLoader loader, long batchId, BulkTarget columns)
    {
        _loader = loader;
        _batchId = batchId;
        var names = Target.Columns.Select(c => c.Name).ToList();
        _columns = [.. columns.Columns.Select(c => names.IndexOf(c.Name))];
        _chunks = new(Chunks, () => new Chunk(ChunkRows));
        _loading = Task.Run(LoadAsync);
    }

    /// <summary>
    /// The columns a batch's rows are written with: the record's own, the event's for a ledger, and only the slots
    /// <paramref name="layout"/> names (the others stay NULL, as they would be given), in <see cref="Target"/>'s order. A
    /// school list's rows bind 11 values instead of 23, a month of bills 15: SQLite runs a smaller statement per row.
    /// </summary>
    internal static BulkTarget ColumnsFor(RecordLayout layout, bool ledger)
    {
        var used = layout.Fields.Select(BatchStore.ColumnOf).ToHashSet(StringComparer.Ordinal);
        return Target with
        {
            Columns = [.. Target.Columns.Where((c, i) => i < RecordColumns || (ledger && i < RecordColumns + EventColumns) || used.Contains(c.Name))],
        };
    }

    /// <summary>Rows written.</summary>
    public long Accepted { get; private set; }

    /// <summary>Rows written that identify someone (<see cref="DepartmentRecord.IsUsable"/>).</summary>
    public long Usable { get; private set; }

    /// <summary>Stores one record (the reader's reused row may change as soon as this returns).</summary>
    public async ValueTask WriteAsync(DepartmentRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ObjectDisposedException.ThrowIf(_finished, this);
        var chunk = _filling ??= await RentAsync(cancellationToken);
        Accepted++;
        if (record.IsUsable)
        {
            Usable++;
        }

        chunk.Add(record.SourceRow, KindNames[(int)record.Parsed.Kind], record.Parsed.IsValid ? record.Parsed.Id.Key : null,
            record.Parsed.IsExact ? null : record.RawId, record.Name, record.BirthDate, record.Event, record.Values);
        if (chunk.IsFull)
        {
            _filling = null;
            await _chunks.WriteAsync(chunk, cancellationToken);
        }
    }

    /// <summary>Hands the last rows to the loader and waits until every row is loaded; the loading task's error, if any, is thrown here.</summary>
    internal async Task FlushAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        _finished = true;
        if (_filling is { Count: > 0 } last)
        {
            await _chunks.WriteAsync(last, cancellationToken);
        }

        _filling = null;
        _chunks.Complete();

        // Cancellable: DisposeAsync then stops the loading task and waits for it.
        await _loading.WaitAsync(cancellationToken);
    }

    /// <summary>Stops the loading task if it still runs (the read failed) and waits for it: the connection is the caller's again.</summary>
    public async ValueTask DisposeAsync()
    {
        _finished = true;
        _chunks.Complete();
        await _stop.CancelAsync();
        try
        {
            await _loading;
        }
        catch (Exception)
        {
            // The read's own error is what the import reports; the load stopped because of it or alongside it.
        }

        _stop.Dispose();
    }

    private async ValueTask<Chunk> RentAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _chunks.RentAsync(cancellationToken);
        }
        catch (ChannelClosedException)
        {
            // The loading task failed and closed the pool: its error is the one to report.
            await _loading;
            throw;
        }
    }

    /// <summary>The second core: hands each full chunk's rows to the loader, then gives the chunk back.</summary>
    private async Task LoadAsync()
    {
        try
        {
            await foreach (var chunk in _chunks.ReadAllAsync(_stop.Token))
            {
                await _loader.AddRowsAsync(new Rows(chunk, _columns, _batchId), _stop.Token);

                chunk.Clear();
                _chunks.Return(chunk);
            }
        }
        catch (Exception ex)
        {
            _chunks.Fail(ex);
            throw;
        }
    }

    private static string[] NamesOf(IdKind[] kinds)
    {
        var names = new string[kinds.Max(k => (int)k) + 1];
        foreach (var kind in kinds)
        {
            names[(int)kind] = kind.ToString();
        }

        return names;
    }

    /// <summary>A record row's column values, in <see cref="Target"/>'s order, boxed (counted set: each row counts until proved a resend).</summary>
    internal static void Fill(object?[] row, long batchId, long sourceRow, string idKind, long? idKey, string? rawId, string name, string birth,
        EventKey? key, RecordValues values)
    {
        var one = new Chunk(1);
        one.Add(sourceRow, idKind, idKey, rawId, name, birth, key, values);
        var sink = new ArraySink(row);
        one.Write(0, AllColumns, batchId, ref sink);
    }

    /// <summary>Every column of <see cref="Target"/>, in order.</summary>
    private static readonly int[] AllColumns = [.. Enumerable.Range(0, Target.Columns.Count)];

    /// <summary>
    /// Up to a fixed number of records as their rows will be written: what each carries, copied (the reader reuses its
    /// record), its dates already as stored text (formatted on the reading core, not the loading one). The loader takes
    /// them typed (<see cref="Rows"/>): no number boxed, no array of values per row.
    /// </summary>
    private sealed class Chunk(int capacity)
    {
        private readonly Row[] _rows = new Row[capacity];
        private readonly string?[] _texts = new string?[capacity * RecordLayout.TextSlots];
        private readonly string?[] _dates = new string?[capacity * RecordLayout.DateSlots];
        private readonly long?[] _fens = new long?[capacity * RecordLayout.AmountSlots];
        private readonly bool?[] _flags = new bool?[capacity * RecordLayout.FlagSlots];

        public int Count { get; private set; }

        public bool IsFull => Count == _rows.Length;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Add(long sourceRow, string idKind, long? idKey, string? rawId, string name, string birth, EventKey? key, RecordValues values)
        {
            var at = Count++;
            _rows[at] = new Row(sourceRow, idKind, idKey, rawId, name, birth, key);
            for (var i = 0; i < RecordLayout.TextSlots; i++)
            {
                _texts[(at * RecordLayout.TextSlots) + i] = values.Text(i);
            }

            for (var i = 0; i < RecordLayout.DateSlots; i++)
            {
                _dates[(at * RecordLayout.DateSlots) + i] = values.Date(i) is { } date ? StoredDate.Format(date) : null;
            }

            for (var i = 0; i < RecordLayout.AmountSlots; i++)
            {
                _fens[(at * RecordLayout.AmountSlots) + i] = values.Fen(i);
            }

            for (var i = 0; i < RecordLayout.FlagSlots; i++)
            {
                _flags[(at * RecordLayout.FlagSlots) + i] = values.Flag(i);
            }
        }

        /// <summary>Empty again, once the loader has taken the rows (it copies what it keeps); no text kept alive.</summary>
        public void Clear()
        {
            Array.Clear(_rows, 0, Count);
            Array.Clear(_texts, 0, Count * RecordLayout.TextSlots);
            Array.Clear(_dates, 0, Count * RecordLayout.DateSlots);
            Count = 0;
        }

        /// <summary>Row <paramref name="row"/>'s values of <paramref name="columns"/> (places in <see cref="Target"/>), in their order.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Write<TSink>(int row, int[] columns, long batchId, ref TSink sink)
            where TSink : struct, IRowSink
        {
            ref readonly var r = ref _rows[row];
            foreach (var column in columns)
            {
                switch (column)
                {
                    case 0: sink.Whole(batchId); break;
                    case 1: sink.Whole(r.SourceRow); break;
                    case 2: sink.Text(r.IdKind); break;
                    case 3: sink.Whole(r.IdKey); break;
                    case 4: sink.Text(r.RawId); break;
                    case 5: sink.Text(r.Name); break;
                    case 6: sink.Text(r.Birth); break;

                    // counted: every new row counts until proved a resend.
                    case 7: sink.Whole(1); break;
                    case 8: sink.Whole(r.Event?.Day); break;
                    case 9: sink.Whole(r.Event?.High); break;
                    case 10: sink.Whole(r.Event?.Low); break;
                    case < TextsAt + RecordLayout.TextSlots: sink.Text(_texts[(row * RecordLayout.TextSlots) + column - TextsAt]); break;
                    case < DatesAt + RecordLayout.DateSlots: sink.Text(_dates[(row * RecordLayout.DateSlots) + column - DatesAt]); break;
                    case < FensAt + RecordLayout.AmountSlots: sink.Whole(_fens[(row * RecordLayout.AmountSlots) + column - FensAt]); break;
                    default: sink.Whole(_flags[(row * RecordLayout.FlagSlots) + column - FlagsAt] is { } flag ? (flag ? 1 : 0) : null); break;
                }
            }
        }

        /// <summary>Where each kind of slot's columns start in <see cref="Target"/>.</summary>
        private const int TextsAt = 11, DatesAt = TextsAt + RecordLayout.TextSlots, FensAt = DatesAt + RecordLayout.DateSlots,
            FlagsAt = FensAt + RecordLayout.AmountSlots;

        private readonly record struct Row(long SourceRow, string IdKind, long? IdKey, string? RawId, string Name, string Birth, EventKey? Event);
    }

    /// <summary>A chunk's rows for the loader, with the columns the batch writes (a struct: the loader's binding is compiled for it).</summary>
    private readonly struct Rows(Chunk chunk, int[] columns, long batchId) : IBulkRows
    {
        public int Count => chunk.Count;

        public void Write<TSink>(int row, ref TSink sink)
            where TSink : struct, IRowSink => chunk.Write(row, columns, batchId, ref sink);
    }

    /// <summary>A row's values boxed into an array, in order.</summary>
    private struct ArraySink(object?[] values) : IRowSink
    {
        private int _at;

        public void Text(string? value) => values[_at++] = value;

        public void Whole(long? value) => values[_at++] = value;
    }
}
