using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Matching.Core.Identity;
using Matching.Core.Population;
using Matching.Ingest;

namespace Matching.Cli.Linkage;

/// <summary>
/// Reads a <see cref="SourceTable"/> on a thread of its own, a batch of rows at a time, and parses each row's ID there,
/// while the caller's thread looks the batches up, matches and writes them: the two halves of <c>match</c> take about
/// the same time, and a 2-core machine then runs them side by side. A few batches are in flight, reused once returned,
/// so the memory does not grow with the file. (The run's reader, <see cref="Core.Pipelines.ChunkRing{T}"/>, is
/// asynchronous; <c>match</c> is not, and blocks on a <see cref="BlockingCollection{T}"/> instead.)
/// </summary>
/// <remarks>
/// The reader's failure (a header repeated mid-file, too many rows, a file that cannot be read) is thrown by
/// <see cref="Next"/> on the caller's thread, after the batches read before it. Disposing stops the reader and waits for
/// it, so that the table is never read after its owner disposes it.
/// </remarks>
internal sealed class RowPipeline : IDisposable
{
    /// <summary>Rows per batch: enough that handing a batch over costs nothing per row.</summary>
    public const int BatchRows = 1024;

    /// <summary>Batches in flight: one being read, one being matched, and slack for the slower side's jitter.</summary>
    private const int Batches = 4;

    private readonly BlockingCollection<ParsedBatch> _full = new(Batches);
    private readonly BlockingCollection<ParsedBatch> _free = new(Batches);
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _reader;
    private ExceptionDispatchInfo? _failure;

    /// <param name="table">The table, read from here on by the pipeline's thread only.</param>
    /// <param name="columns">The ID, name and birth-date columns (-1: none).</param>
    /// <param name="unusableId">Called on the reader's thread at the first row whose ID cannot be used as typed (one
    /// for the fallbacks): to prepare what they need while the rows before it are matched.</param>
    public RowPipeline(SourceTable table, (int Id, int Name, int BirthDate) columns, Action unusableId)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(unusableId);
        for (var i = 0; i < Batches; i++)
        {
            _free.Add(new ParsedBatch(BatchRows));
        }

        _reader = new Thread(() => Read(table, columns, unusableId)) { IsBackground = true, Name = "match reader" };
        _reader.Start();
    }

    /// <summary>The next batch, in file order; null at the end of the table. Give it back with <see cref="Return"/>.</summary>
    public ParsedBatch? Next()
    {
        if (_full.TryTake(out var batch, Timeout.Infinite))
        {
            return batch;
        }

        // Completed: the reader reached the end, or failed after handing over every batch it read.
        _failure?.Throw();
        return null;
    }

    /// <summary>Hands a batch back for reuse, once its rows are written.</summary>
    public void Return(ParsedBatch batch) => _free.Add(batch);

    public void Dispose()
    {
        _stop.Cancel();
        _reader.Join();
        _stop.Dispose();
        _full.Dispose();
        _free.Dispose();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Read(SourceTable table, (int Id, int Name, int BirthDate) columns, Action unusableId)
    {
        var seenUnusable = false;
        try
        {
            while (true)
            {
                var batch = _free.Take(_stop.Token);
                if (!batch.Fill(table, columns.Id, columns.Name, columns.BirthDate))
                {
                    break;
                }

                if (!seenUnusable && batch.HasUnusableId)
                {
                    seenUnusable = true;
                    unusableId();
                }

                _full.Add(batch, _stop.Token);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // The caller stopped (it failed, or finished early): nothing more to read.
        }
#pragma warning disable CA1031 // any failure of the reader is the caller's to throw, on its own thread
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _failure = ExceptionDispatchInfo.Capture(ex);
        }
        finally
        {
            _full.CompleteAdding();
        }
    }
}

/// <summary>A <see cref="RowBatch"/> with each row's ID parsed, and the key to look it up by (0: none).</summary>
internal sealed class ParsedBatch(int capacity)
{
    private readonly IdParseResult[] _parsed = new IdParseResult[capacity];
    private readonly long[] _keys = new long[capacity];

    public RowBatch Rows { get; } = new(capacity);

    public int Count => Rows.Count;

    /// <summary>Some row's ID is not a valid one as typed or normalised (in a row of the header's width): it may need the
    /// fallbacks.</summary>
    public bool HasUnusableId { get; private set; }

    public ref readonly IdParseResult Parsed(int row) => ref _parsed[row];

    /// <summary>The rows' ID keys (<see cref="IdNumber.Key"/>; 0 where the ID is not valid), for
    /// <see cref="PopulationIndex.Warm"/>.</summary>
    public ReadOnlySpan<long> Keys => _keys.AsSpan(0, Count);

    /// <summary>Reads up to a batch of rows and parses their IDs; false when the table had none left.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Fill(SourceTable table, int idColumn, int nameColumn, int birthColumn)
    {
        if (!Rows.Fill(table, idColumn, nameColumn, birthColumn))
        {
            return false;
        }

        HasUnusableId = false;
        Span<char> idBuffer = stackalloc char[IdNormalizer.MaxLength];
        for (var i = 0; i < Rows.Count; i++)
        {
            _parsed[i] = IdParser.Parse(Rows.Id(i), idBuffer);
            _keys[i] = _parsed[i].IsValid ? _parsed[i].Id.Key : 0;
            HasUnusableId |= !_parsed[i].IsValid && !Rows.HasExtraCells(i); // a shifted row is rejected, never looked for
        }

        return true;
    }
}
