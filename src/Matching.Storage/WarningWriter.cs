using System.Data.Common;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Dapper;
using Matching.Core.Pipelines;
using Matching.Core.Rules;
using Matching.Storage.Dialects;

namespace Matching.Storage;

/// <summary>
/// Moves the stored warnings along one run's findings (<see cref="WarningLifecycle"/>), inside the run's transaction,
/// in a few set-based statements whatever the number of warnings: new warnings are bulk-inserted; a found warning
/// whose row would not change (most of them, night after night) only has its last run set, and its status where that
/// changes (新增 → 持续), one UPDATE per status; one whose facts or other columns changed is refreshed through the
/// dialect's bulk upsert (its first date and disposition kept, unless raised anew); what is gone is resolved by one
/// UPDATE. One event per status change, written in bulk too.
/// </summary>
internal sealed class WarningWriter(ISqlDialect dialect, DbConnection connection, DbTransaction transaction, long runId, string runDate, string now)
{
    private static readonly BulkColumn[] Columns =
    [
        new("code", BulkColumnType.Text), new("subject", BulkColumnType.Text), new("receiver", BulkColumnType.Text),
        new("label", BulkColumnType.Text), new("measure", BulkColumnType.Text), new("id_number", BulkColumnType.Text),
        new("name", BulkColumnType.Text), new("household_id", BulkColumnType.Text), new("subdistrict", BulkColumnType.Text),
        new("village", BulkColumnType.Text), new("categories", BulkColumnType.Text), new("department", BulkColumnType.Text),
        new("method", BulkColumnType.Text), new("detail", BulkColumnType.Text), new("batch_id", BulkColumnType.Whole),
        new("source_row", BulkColumnType.Whole), new("status", BulkColumnType.Text), new("first_date", BulkColumnType.Text),
        new("first_run_id", BulkColumnType.Whole), new("last_run_id", BulkColumnType.Whole), new("resolved_date", BulkColumnType.Text),
        new("disposition", BulkColumnType.Text), new("disposition_date", BulkColumnType.Text), new("closed_detail", BulkColumnType.Text),
        new("key_hi", BulkColumnType.Whole), new("key_lo", BulkColumnType.Whole), new("facts_hi", BulkColumnType.Whole),
        new("facts_lo", BulkColumnType.Whole), new("row_hi", BulkColumnType.Whole), new("row_lo", BulkColumnType.Whole),
    ];

    /// <summary>New warnings: plain inserts.</summary>
    private static readonly BulkTarget Inserts = new("warning", Columns, Key: [], Keep: []);

    /// <summary>Warnings whose row changed: an upsert that keeps their first date and disposition.</summary>
    private static readonly BulkTarget Refreshes = new("warning", Columns,
        Key: ["code", "subject", "receiver"], Keep: ["first_date", "first_run_id", "disposition", "disposition_date", "closed_detail"]);

    private static readonly BulkTarget EventTarget = new("warning_event",
    [
        new("warning_id", BulkColumnType.Whole), new("run_id", BulkColumnType.Whole), new("at", BulkColumnType.Text),
        new("status", BulkColumnType.Text), new("note", BulkColumnType.Text),
    ], Key: [], Keep: []);

    /// <summary>
    /// What the run needs of a stored warning, small: its id, status, a hash of its facts (its detail; a closed
    /// warning keeps the facts it was closed on) and a hash of the row a run writes, all read from the warning's own
    /// hash columns (written with it), not from its texts; and what this run decided for it. Found warnings are
    /// looked up by a 128-bit hash of (code, subject, receiver), as a <see cref="Key"/>. <see cref="Legacy"/>: stored
    /// before the hashes were, worked out from its texts this once. The hashes are kept as halves and the key as two
    /// longs: a UInt128 field would align the entry to 16 bytes (112 bytes a warning, against 80).
    /// </summary>
    private struct Stored
    {
        public long WarningId;
        public string Code;
        public ulong FactsHigh;
        public ulong FactsLow;
        public ulong RowHigh;
        public ulong RowLow;
        public WarningStatus Status;
        public bool Legacy;

        /// <summary>Found by this run.</summary>
        public bool Found;

        /// <summary>Found with its status or row changed: refreshed, with status <see cref="Next"/>.</summary>
        public bool Refresh;
        public WarningStatus Next;

        public readonly UInt128 Facts => new(FactsHigh, FactsLow);
        public readonly UInt128 Row => new(RowHigh, RowLow);
    }

    private readonly record struct Key(ulong High, ulong Low)
    {
        public static Key Of(UInt128 hash) => new((ulong)(hash >> 64), (ulong)hash);
    }

    private sealed class Tally(string code)
    {
        public string Code { get; } = code;
        public int Found { get; set; }
        public int New { get; set; }
        public int Continuing { get; set; }
        public int Closed { get; set; }
        public int Resolved { get; set; }
    }

    /// <summary>
    /// Moves the stored warnings along <paramref name="found"/>, which is enumerated once, and a second time when
    /// stored warnings changed (it must give the same warnings again, as <see cref="RuleRun.Finish"/> does).
    /// </summary>
    public async Task<IReadOnlyList<RunCount>> WriteAsync(IEnumerable<Warning> found, CancellationToken cancellationToken)
    {
        var stored = await ReadStoredAsync(cancellationToken);
        var before = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COALESCE(MAX(warning_id), 0) FROM warning", transaction: transaction, cancellationToken: cancellationToken));
        var tallies = new SortedDictionary<string, Tally>(StringComparer.Ordinal);
        var changes = new List<(long WarningId, WarningStatus Status, string Note)>();
        var reopened = new List<long>();
        var unchanged = new List<long>();
        var restatused = Enum.GetValues<WarningStatus>().Select(_ => new List<long>()).ToArray();
        var refreshes = 0;
        var rows = new WarningRows(HashedSize, runDate, runId);
        var ring = new ChunkRing<Hashed>(HashedCount, () => new Hashed());
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var hashing = Task.Run(() => HashAsync(found, ring, stop.Token), stop.Token);
        try
        {
            await using var insert = dialect.CreateBulkLoader(connection, transaction, Inserts);
            await foreach (var chunk in ring.ReadAllAsync(cancellationToken))
            {
                for (var i = 0; i < chunk.Count; i++)
                {
                    Found(chunk.Warnings[i], chunk.Hashes[i]);
                }

                // The chunk's new warnings in one go: SQLite's loader binds them under one hold of its mutex, typed,
                // and inserts them several to a statement.
                await insert.AddRowsAsync(rows.View, cancellationToken);
                rows.Clear();
                chunk.Clear();
                ring.Return(chunk);
            }

            await hashing;
            await insert.CompleteAsync(cancellationToken);

            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            void Found(Warning warning, Hashes hashes)
            {
                var tally = TallyOf(tallies, warning.Code);
                tally.Found++;
                var identity = hashes.Identity;
                ref var was = ref CollectionsMarshal.GetValueRefOrNullRef(stored, Key.Of(identity));
                var known = !Unsafe.IsNullRef(ref was) && !was.Found;
                var status = WarningLifecycle.Next(known ? was.Status : null, found: true, sameFacts: known && was.Facts == hashes.Facts)!.Value;
                switch (status)
                {
                    case WarningStatus.New: tally.New++; break;
                    case WarningStatus.Closed: tally.Closed++; break;
                    default: tally.Continuing++; break;
                }

                if (!known)
                {
                    rows.Add(warning, status, hashes);
                    return;
                }

                was.Found = true;

                if (status != was.Status)
                {
                    changes.Add((was.WarningId, status, status == WarningStatus.New && was.Status == WarningStatus.Closed ? "facts changed" : string.Empty));
                }

                if (status == WarningStatus.New)
                {
                    // Raised anew (resolved before, or its facts changed since a department closed it): a new first
                    // date, and the old disposition shed.
                    reopened.Add(was.WarningId);
                }

                if (!was.Legacy && hashes.Row == was.Row)
                {
                    // The row a refresh would write is the stored one: at most its status changes (新增 → 持续, night
                    // after night), which a set-based UPDATE does without the run's warnings being made a second time.
                    (status == was.Status ? unchanged : restatused[(int)status]).Add(was.WarningId);
                }
                else
                {
                    was.Refresh = true;
                    was.Next = status;
                    refreshes++;
                }
            }
        }
        catch (Exception)
        {
            // The insert failed or the run was cancelled: the hashing is stopped and waited for before the run's
            // warnings are taken again or the transaction ends, and the first error is what counts.
            await stop.CancelAsync();
            ring.Fail(new OperationCanceledException(stop.Token));
            await hashing.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            throw;
        }

        await RefreshAsync(found, stored, refreshes, cancellationToken);
        await UpdateByIdsAsync(unchanged, "touched", "last_run_id = @runId", cancellationToken);
        foreach (var status in Enum.GetValues<WarningStatus>())
        {
            // What the refresh writes of a found warning whose row is unchanged: its status, its last run, no resolved date.
            await UpdateByIdsAsync(restatused[(int)status], "restatused",
                "status = @status, last_run_id = @runId, resolved_date = NULL",
                cancellationToken, status);
        }

        await UpdateByIdsAsync(reopened, "reopened",
            "first_date = @runDate, first_run_id = @runId, disposition = NULL, disposition_date = NULL, closed_detail = NULL",
            cancellationToken);

        // What is left was not found: open or closed ones are resolved.
        var resolved = new List<long>();
        foreach (var (_, was) in stored)
        {
            if (!was.Found && WarningLifecycle.Next(was.Status, found: false, sameFacts: false) is { } status)
            {
                TallyOf(tallies, was.Code).Resolved++;
                resolved.Add(was.WarningId);
                changes.Add((was.WarningId, status, string.Empty));
            }
        }

        await UpdateByIdsAsync(resolved, "resolved", "status = @resolved, resolved_date = @runDate", cancellationToken);
        await WriteEventsAsync(before, changes, cancellationToken);
        return [.. tallies.Values.Select(t => new RunCount(t.Code, t.Found, t.New, t.Continuing, t.Closed, t.Resolved))];
    }

    /// <summary>Found warnings per chunk handed from the hashing core to the writing one.</summary>
    private const int HashedSize = 1024;

    /// <summary>Chunks in circulation: one filling, one being written, two waiting either way.</summary>
    private const int HashedCount = 4;

    /// <summary>What a found warning is looked up and written by: its identity, its facts and its row, hashed.</summary>
    private readonly record struct Hashes(UInt128 Identity, UInt128 Facts, UInt128 Row);

    /// <summary>Up to <see cref="HashedSize"/> found warnings, each with its <see cref="Hashes"/>.</summary>
    private sealed class Hashed
    {
        public readonly Warning[] Warnings = new Warning[HashedSize];
        public readonly Hashes[] Hashes = new Hashes[HashedSize];

        public int Count { get; private set; }

        public bool IsFull => Count == HashedSize;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Add(Warning warning)
        {
            Warnings[Count] = warning;
            Hashes[Count] = new(WarningIdentity.Of(warning), FactsHash(warning.Detail), RowHash(warning));
            Count++;
        }

        public void Clear()
        {
            Array.Clear(Warnings, 0, Count);
            Count = 0;
        }
    }

    /// <summary>
    /// Takes the run's warnings as the rules make them (<see cref="RuleRun.Finish"/>) and hashes them, on the second
    /// core while this one writes them: at 1M records and 325k new warnings making and hashing them is 2 s of the 5.6 s
    /// the first pass took, the inserts the rest.
    /// </summary>
    private static async Task HashAsync(IEnumerable<Warning> found, ChunkRing<Hashed> ring, CancellationToken cancellationToken)
    {
        try
        {
            var chunk = await ring.RentAsync(cancellationToken);
            foreach (var warning in found)
            {
                chunk.Add(warning);
                if (chunk.IsFull)
                {
                    await ring.WriteAsync(chunk, cancellationToken);
                    chunk = await ring.RentAsync(cancellationToken);
                }
            }

            if (chunk.Count > 0)
            {
                await ring.WriteAsync(chunk, cancellationToken);
            }

            ring.Complete();
        }
        catch (Exception ex)
        {
            ring.Complete(ex);
            throw;
        }
    }

    /// <summary>Every stored warning as <see cref="Stored"/>, by identity hash.</summary>
    private async Task<Dictionary<Key, Stored>> ReadStoredAsync(CancellationToken cancellationToken)
    {
        var count = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM warning", transaction: transaction, cancellationToken: cancellationToken));
        var stored = new Dictionary<Key, Stored>(count);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        string Shared(string text) => texts.TryGetValue(text, out var known) ? known : texts[text] = text;
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT warning_id, code, status, key_hi, key_lo, facts_hi, facts_lo, row_hi, row_lo FROM warning WHERE key_hi IS NOT NULL";
            command.CommandTimeout = 0;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                stored[new Key(unchecked((ulong)reader.GetInt64(3)), unchecked((ulong)reader.GetInt64(4)))] = new Stored
                {
                    WarningId = reader.GetInt64(0),
                    Status = WarningStatusText.Parse(reader.GetString(2)),
                    FactsHigh = unchecked((ulong)reader.GetInt64(5)),
                    FactsLow = unchecked((ulong)reader.GetInt64(6)),
                    RowHigh = unchecked((ulong)reader.GetInt64(7)),
                    RowLow = unchecked((ulong)reader.GetInt64(8)),
                    Code = Shared(reader.GetString(1)),
                };
            }
        }

        // Warnings stored before their hashes were: from their texts (and refreshed by this run, which stores them).
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT warning_id, code, subject, receiver, status, closed_detail, detail FROM warning WHERE key_hi IS NULL";
            command.CommandTimeout = 0;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var status = WarningStatusText.Parse(reader.GetString(4));
                var facts = status == WarningStatus.Closed && !reader.IsDBNull(5) ? reader.GetString(5) : reader.GetString(6);
                var code = Shared(reader.GetString(1));
                var factsHash = FactsHash(facts);
                stored[Key.Of(WarningIdentity.Of(code, reader.GetString(2), reader.GetString(3)))] = new Stored
                {
                    WarningId = reader.GetInt64(0),
                    Status = status,
                    FactsHigh = (ulong)(factsHash >> 64),
                    FactsLow = (ulong)factsHash,
                    Code = code,
                    Legacy = true,
                };
            }
        }

        return stored;
    }

    private static (long High, long Low) Split(UInt128 hash) => (unchecked((long)(ulong)(hash >> 64)), unchecked((long)(ulong)hash));

    /// <summary>The hash of the row a run writes for <paramref name="w"/>: every column a refresh would change but the status.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static UInt128 RowHash(Warning w)
    {
        var row = new RowHasher();
        row.Text(w.Label);
        row.Text(w.Measure);
        row.Text(w.IdText);
        row.Text(w.Name);
        row.Text(w.HouseholdId);
        row.Text(w.Subdistrict);
        row.Text(w.Village);
        row.Text(w.Categories);
        row.Text(w.Department);
        row.Text(w.Method);
        row.Text(w.Detail);
        row.Whole(w.BatchId);
        row.Whole(w.SourceRow);
        return row.Finish();
    }

    /// <summary>A 128-bit hash of a row's values, each one delimited so that no two different rows run together.</summary>
    private sealed class RowHasher
    {
        private readonly XxHash128 _hash = new();

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Text(string text)
        {
            _hash.Append(MemoryMarshal.AsBytes(text.AsSpan()));
            _hash.Append([0xFF, 0xFF]);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Whole(long? value)
        {
            Span<byte> bytes = stackalloc byte[9];
            bytes[0] = value.HasValue ? (byte)1 : (byte)0;
            BitConverter.TryWriteBytes(bytes[1..], value ?? 0);
            _hash.Append(bytes);
        }

        public UInt128 Finish()
        {
            var hash = _hash.GetCurrentHashAsUInt128();
            _hash.Reset();
            return hash;
        }
    }

    /// <summary>
    /// A warning's facts (its detail) as a hash in which whitespace does not count, as in
    /// <see cref="WarningLifecycle.SameFacts"/>: the text's runs between whitespace hashed one after another.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static UInt128 FactsHash(string detail)
    {
        var hash = new XxHash128();
        var text = detail.AsSpan();
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || char.IsWhiteSpace(text[i]))
            {
                hash.Append(MemoryMarshal.AsBytes(text[start..i]));
                start = i + 1;
            }
        }

        return hash.GetCurrentHashAsUInt128();
    }

    /// <summary>
    /// Found warnings whose status or row changed (marked <see cref="Stored.Refresh"/>), refreshed in place
    /// (first date and disposition kept). They are taken from <paramref name="found"/> a second time rather than held
    /// from the first: a run's warnings are made as they are taken (<see cref="RuleRun.Finish"/>), and the night after
    /// a first run every one of them changes status.
    /// </summary>
    private async Task RefreshAsync(IEnumerable<Warning> found, Dictionary<Key, Stored> stored, int refreshes, CancellationToken cancellationToken)
    {
        if (refreshes == 0)
        {
            return;
        }

        // A phase boundary: what the first pass over the run's warnings left (its identity set, the complex cases'
        // codes: large arrays that only a full collection frees) goes before the second pass makes its own (bench
        // rerun at 1M persons and 411k warnings: peak 631 -> 584 MB).
        GC.Collect();

        var rows = new WarningRows(HashedSize, runDate, runId);
        await using var upsert = dialect.CreateBulkLoader(connection, transaction, Refreshes);
        foreach (var warning in found)
        {
            var identity = WarningIdentity.Of(warning);
            ref var was = ref CollectionsMarshal.GetValueRefOrNullRef(stored, Key.Of(identity));
            if (!Unsafe.IsNullRef(ref was) && was.Refresh)
            {
                was.Refresh = false;
                rows.Add(warning, was.Next, new Hashes(identity, FactsHash(warning.Detail), RowHash(warning)));
                if (rows.IsFull)
                {
                    await upsert.AddRowsAsync(rows.View, cancellationToken);
                    rows.Clear();
                }
            }
        }

        await upsert.AddRowsAsync(rows.View, cancellationToken);

        await upsert.CompleteAsync(cancellationToken);
    }

    /// <summary>
    /// Sets <paramref name="set"/> (parameters @runId, @runDate, @resolved, @status) on the warnings
    /// <paramref name="ids"/>, loaded into a temporary table in bulk: one statement, however many.
    /// </summary>
    private async Task UpdateByIdsAsync(List<long> ids, string name, string set, CancellationToken cancellationToken, WarningStatus? status = null)
    {
        if (ids.Count == 0)
        {
            return;
        }

        var table = dialect.TempTable(name);
        await connection.ExecuteAsync(new CommandDefinition(
            dialect.CreateTempTable(name, "warning_id BIGINT NOT NULL"), transaction: transaction, cancellationToken: cancellationToken));
        await using (var load = dialect.CreateBulkLoader(connection, transaction, new BulkTarget(table, [new("warning_id", BulkColumnType.Whole)], [], [])))
        {
            // A chunk of ids at a time, as the new warnings go (the night after a first run: every warning's id).
            for (var start = 0; start < ids.Count; start += HashedSize)
            {
                await load.AddRowsAsync(new IdRows(ids, start, Math.Min(HashedSize, ids.Count - start)), cancellationToken);
            }

            await load.CompleteAsync(cancellationToken);
        }

        await connection.ExecuteAsync(new CommandDefinition(
            $"{dialect.ManyRows("UPDATE")} warning SET {set} WHERE warning_id IN (SELECT warning_id FROM {table})",
            new { runDate, runId, resolved = WarningStatus.Resolved.Text(), status = status?.Text() }, transaction, cancellationToken: cancellationToken, commandTimeout: 0));
        await connection.ExecuteAsync(new CommandDefinition($"DROP TABLE {table}", transaction: transaction, cancellationToken: cancellationToken));
    }

    /// <summary>One event per change: for the warnings this run inserted, and for the stored ones whose status it changed.</summary>
    private async Task WriteEventsAsync(long before, List<(long WarningId, WarningStatus Status, string Note)> changes, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            {dialect.ManyRows("INSERT")} INTO warning_event (warning_id, run_id, at, status, note)
            SELECT warning_id, @runId, @now, status, '' FROM warning WHERE warning_id > @before
            """, new { runId, now, before }, transaction, cancellationToken: cancellationToken, commandTimeout: 0));
        if (changes.Count == 0)
        {
            return;
        }

        await using var events = dialect.CreateBulkLoader(connection, transaction, EventTarget);
        for (var start = 0; start < changes.Count; start += HashedSize)
        {
            await events.AddRowsAsync(new EventRows(changes, start, Math.Min(HashedSize, changes.Count - start), runId, now), cancellationToken);
        }

        await events.CompleteAsync(cancellationToken);
    }

    /// <summary>Events <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> of <paramref name="changes"/>, as rows of <see cref="EventTarget"/>.</summary>
    private readonly struct EventRows(List<(long WarningId, WarningStatus Status, string Note)> changes, int start, int count, long runId, string now) : IBulkRows
    {
        public int Count => count;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Write<TSink>(int row, ref TSink sink)
            where TSink : struct, IRowSink
        {
            var (warningId, status, note) = changes[start + row];
            sink.Whole(warningId);
            sink.Whole(runId);
            sink.Text(now);
            sink.Text(status.Text());
            sink.Text(note);
        }
    }

    /// <summary>
    /// Found warnings' rows, each given to the loader column by column as it takes them (<see cref="IBulkRows"/>):
    /// nothing boxed, no array of values per row. First date, first run and the disposition columns are written for a
    /// new warning only: on one that exists the refresh keeps them, and a warning raised anew has them reset in one
    /// UPDATE.
    /// </summary>
    private sealed class WarningRows(int capacity, string runDate, long runId)
    {
        private readonly Warning[] _warnings = new Warning[capacity];
        private readonly WarningStatus[] _statuses = new WarningStatus[capacity];
        private readonly Hashes[] _hashes = new Hashes[capacity];
        private int _count;

        /// <summary>The rows for the loader (a struct: the loader's binding is compiled for it).</summary>
        public Rows View => new(this);

        public bool IsFull => _count == _warnings.Length;

        public void Add(Warning warning, WarningStatus status, Hashes hashes)
        {
            _warnings[_count] = warning;
            _statuses[_count] = status;
            _hashes[_count] = hashes;
            _count++;
        }

        /// <summary>Empty again, once the loader has taken the rows (it copies what it keeps).</summary>
        public void Clear()
        {
            Array.Clear(_warnings, 0, _count);
            _count = 0;
        }

        /// <summary>Row <paramref name="row"/>, in the order of <see cref="Columns"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Write<TSink>(int row, ref TSink sink)
            where TSink : struct, IRowSink
        {
            var w = _warnings[row];
            sink.Text(w.Code);
            sink.Text(w.Subject);
            sink.Text(w.Receiver);
            sink.Text(w.Label);
            sink.Text(w.Measure);
            sink.Text(w.IdText);
            sink.Text(w.Name);
            sink.Text(w.HouseholdId);
            sink.Text(w.Subdistrict);
            sink.Text(w.Village);
            sink.Text(w.Categories);
            sink.Text(w.Department);
            sink.Text(w.Method);
            sink.Text(w.Detail);
            sink.Whole(w.BatchId);
            sink.Whole(w.SourceRow);
            sink.Text(_statuses[row].Text());
            sink.Text(runDate);
            sink.Whole(runId);
            sink.Whole(runId);
            sink.Text(null);
            sink.Text(null);
            sink.Text(null);
            sink.Text(null);
            var hashes = _hashes[row];
            Halves(ref sink, hashes.Identity);
            Halves(ref sink, hashes.Facts);
            Halves(ref sink, hashes.Row);
        }

        private static void Halves<TSink>(ref TSink sink, UInt128 hash)
            where TSink : struct, IRowSink
        {
            var (high, low) = Split(hash);
            sink.Whole(high);
            sink.Whole(low);
        }

        public readonly struct Rows(WarningRows rows) : IBulkRows
        {
            public int Count => rows._count;

            public void Write<TSink>(int row, ref TSink sink)
                where TSink : struct, IRowSink => rows.Write(row, ref sink);
        }
    }

    /// <summary>Warning ids <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> of <paramref name="ids"/>, as rows of one column.</summary>
    private readonly struct IdRows(List<long> ids, int start, int count) : IBulkRows
    {
        public int Count => count;

        public void Write<TSink>(int row, ref TSink sink)
            where TSink : struct, IRowSink => sink.Whole(ids[start + row]);
    }

    private static Tally TallyOf(SortedDictionary<string, Tally> tallies, string code)
    {
        if (!tallies.TryGetValue(code, out var tally))
        {
            tallies[code] = tally = new Tally(code);
        }

        return tally;
    }
}
