using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Dapper;
using Matching.Core.Identity;
using Matching.Core.Population;
using Matching.Core.Rules;
using Matching.Storage.Dialects;
using Microsoft.Data.Sqlite;

namespace Matching.Storage;

public sealed partial class PopulationStore
{
    /// <summary>
    /// The active low-income households and members, with every field the rules read, under one snapshot. Read row
    /// by row, not through intermediate lists; the texts that repeat (the household id on each member, town,
    /// village, relation, support mode, code lists) are one string each, shared. A test hook (a run loads
    /// <see cref="LoadRulePopulationAsync"/>).
    /// </summary>
    internal async Task<LowIncomeSnapshot> LoadSnapshotAsync(CancellationToken cancellationToken)
    {
        var households = new List<Household>();
        var members = new List<Member>();
        await ReadLowIncomeAsync(households.Add,
            (household, _, key, name, relation, categories, ill, disabled, support) => members.Add(new Member
            {
                HouseholdId = household, Id = IdNumber.FromKey(key), Name = name.ToString(), Relation = relation, Categories = categories,
                SeriousIllness = ill, SevereDisability = disabled, TekunSupport = support,
            }), cancellationToken);
        return new LowIncomeSnapshot(households, members);
    }

    /// <summary>
    /// The active low-income population as the rules hold it (<see cref="RulePopulation"/>): read straight into its
    /// columns, sized from a count, no record per member on the way. What a run loads.
    /// </summary>
    public async Task<RulePopulation> LoadRulePopulationAsync(CancellationToken cancellationToken) =>
        (await LoadStampedRulePopulationAsync(cancellationToken)).Population;

    /// <summary>
    /// <see cref="LoadRulePopulationAsync"/>, with the stamp of the snapshot it is (null before any low-income import),
    /// read under the same read transaction: what its image (<see cref="RulePopulationImage"/>) is stamped with.
    /// </summary>
    public async Task<(RulePopulation Population, PopulationStamp? Stamp)> LoadStampedRulePopulationAsync(CancellationToken cancellationToken)
    {
        await _db.RequireSchemaAsync(cancellationToken);
        var (members, households) = await _db.Connection.QueryFirstOrDefaultAsync<(long, long)>(new CommandDefinition(
            "SELECT (SELECT COUNT(*) FROM member WHERE active = 1), (SELECT COUNT(*) FROM household WHERE active = 1)", cancellationToken: cancellationToken));
        var (count, householdCount) = (checked((int)members), checked((int)households));

        // Sized from the counts: the households' dictionaries grown one doubling at a time came to twice their size in
        // copies, each a new large array (a run at 1M persons: CPU 12.7 -> 12.1 s, peak 411 -> 405 MB; 4 rounds).
        var builder = new RulePopulation.Builder(count, householdCount);
        // SQLite reads the members in storage order, with their households' places (ReadLowIncomeAsync).
        var groups = _db.Connection is SqliteConnection ? new List<int>(count) : null;
        var stamp = await ReadLowIncomeAsync(builder.Add, builder.Add, cancellationToken, groups, householdCount, (builder, count));
        if (groups is { Count: > 0 })
        {
            if (groups.Contains(Rows.NoGroup))
            {
                // An active member of a household that is not: ordered by the database, which knows where its id sorts.
                builder = new RulePopulation.Builder(count);
                stamp = await ReadLowIncomeAsync(builder.Add, builder.Add, cancellationToken);
            }
            else
            {
                builder.OrderByGroup(CollectionsMarshal.AsSpan(groups));
            }
        }

        return (builder.Build(), stamp);
    }

    /// <summary>
    /// A test hook: run when a run's population is about to be read on a second connection, before that connection
    /// sees the database (another import may commit then).
    /// </summary>
    internal Func<Task>? BeforeSideRead { get; set; }

    /// <summary>A member as read: its household (when that was read; <c>householdId</c> is its id) and its fields.</summary>
    private delegate void MemberRow(string householdId, Household? household, long idKey, ReadOnlySpan<char> name, string relation, AidCategory categories,
        bool seriousIllness, bool severeDisability, string tekunSupport);

    private const string MembersInStorageOrder =
        "SELECT household_id, id_key, name, relation, categories, serious_illness, severe_disability, tekun_support FROM member WHERE active = 1 ORDER BY rowid";

    private const string HouseholdColumns = "SELECT household_id, subdistrict, village, annual_income, housing_difficulty, aid FROM household WHERE active = 1 ORDER BY household_id";

    private const string HouseholdsInStorageOrder =
        "SELECT household_id, subdistrict, village, annual_income, housing_difficulty, aid FROM household WHERE active = 1 ORDER BY rowid";

    /// <summary>
    /// Reads the active households, then the active members in household order, under one read transaction, and gives
    /// the stamp of the snapshot they are (read under it too; null before any low-income import). On SQLite
    /// the rows are read through its C API (<see cref="SqliteRawReader"/>: a million members in about a second rather
    /// than six through <c>SqliteDataReader</c>), elsewhere through the provider's reader; both read a row the same
    /// way (<see cref="Rows"/>). Given <paramref name="groups"/>, SQLite reads the members in storage order instead
    /// (1M members: 2.0 → 1.0 s; ordered by household they are looked up through the key's index and sorted again
    /// within each household) and adds each one's household's place in household order to it
    /// (<see cref="Rows.NoGroup"/> for a household not read), for the caller to put them in household order. The
    /// households are then read in storage order too and ranked by id in memory (381k households: 0.66 → 0.10 s for
    /// SQLite's part; by id it walks the key's index and looks each row up).
    /// </summary>
    private async Task<PopulationStamp?> ReadLowIncomeAsync(Action<Household> household, MemberRow member, CancellationToken cancellationToken, List<int>? groups = null,
        int households = 0, (RulePopulation.Builder Builder, int Members)? apart = null)
    {
        await _db.RequireSchemaAsync(cancellationToken);
        await using var transaction = await _db.BeginReadAsync(cancellationToken);
        var stamp = await ReadStampAsync(_db.Connection, transaction, cancellationToken);
        var rows = new Rows(households);
        var membersSql = $"""
            SELECT household_id, id_key, name, relation, categories, serious_illness, severe_disability, tekun_support
            FROM member WHERE active = 1 ORDER BY household_id, {_dialect.MemberOrder}
            """;
        if (_db.Connection is SqliteConnection sqlite)
        {
            // Given groups and the builder, the members go into it from a connection of their own, on the other core,
            // while this one reads the households (1M persons: each about half of the load; a first run's load 1.79 ->
            // 1.51 s, medians of 11 interleaved pairs), when that connection's snapshot is this one's: the same
            // low-income batch (nothing else changes who is active). Each member is given its household once both are
            // read (Rows.Place). A batch imported in between, they are read after the households on this connection.
            await using var side = groups is null || apart is null ? null : await _db.OpenSideAsync(cancellationToken);
            using var sideRead = side?.BeginTransaction(deferred: true);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Task<string[]>? members = null;
            if (side is not null && BeforeSideRead is { } hook)
            {
                await hook();
            }

            if (side is not null && Equals(await ReadStampAsync(side, sideRead, cancellationToken), stamp))
            {
                members = Task.Run(() => Rows.ReadUnplaced(side, apart!.Value.Builder, apart.Value.Members, stop.Token), CancellationToken.None);
            }

            try
            {
                using (var raw = new SqliteRawReader(sqlite, groups is null ? HouseholdColumns : HouseholdsInStorageOrder))
                using (raw.HoldConnection())
                {
                    while (raw.Read())
                    {
                        household(rows.Household(new RawRow(raw)));
                    }
                }
            }
            catch (Exception)
            {
                await stop.CancelAsync();
                throw;
            }
            finally
            {
                // Not left reading a connection about to close.
                await (members ?? Task.CompletedTask).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            }

            if (groups is not null)
            {
                rows.RankHouseholds();
            }

            if (members is not null)
            {
                rows.Place(apart!.Value.Builder, await members, groups!);
                return stamp;
            }

            using (var raw = new SqliteRawReader(sqlite, groups is null ? membersSql : MembersInStorageOrder))
            using (raw.HoldConnection())
            {
                var read = 0;
                while (raw.Read())
                {
                    if ((++read & 0xFFFF) == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    rows.Member(new RawRow(raw), member);
                    groups?.Add(rows.Group);
                }
            }

            return stamp;
        }

        await using (var command = _db.Connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = HouseholdColumns;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                household(rows.Household(new ProviderRow(reader)));
            }
        }

        await using (var command = _db.Connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = membersSql;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Member(new ProviderRow(reader), member);
            }
        }

        return stamp;
    }

    /// <summary>The current row of either reader, as <see cref="Rows"/> reads it.</summary>
    private interface IRow
    {
        bool IsNull(int ordinal);

        long GetInt64(int ordinal);

        decimal GetDecimal(int ordinal);

        /// <summary>A text column's characters, in <paramref name="buffer"/> when they fit (else in a new array).</summary>
        ReadOnlySpan<char> GetChars(int ordinal, Span<char> buffer);
    }

    private readonly struct RawRow(SqliteRawReader rows) : IRow
    {
        public bool IsNull(int ordinal) => rows.IsNull(ordinal);

        public long GetInt64(int ordinal) => rows.GetInt64(ordinal);

        public decimal GetDecimal(int ordinal) => rows.GetDecimal(ordinal);

        public ReadOnlySpan<char> GetChars(int ordinal, Span<char> buffer) => rows.GetChars(ordinal, buffer);
    }

    private readonly struct ProviderRow(DbDataReader reader) : IRow
    {
        public bool IsNull(int ordinal) => reader.IsDBNull(ordinal);

        public long GetInt64(int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

        public decimal GetDecimal(int ordinal) => Convert.ToDecimal(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

        public ReadOnlySpan<char> GetChars(int ordinal, Span<char> buffer) => reader.GetString(ordinal);
    }

    /// <summary>
    /// Turns rows into households and members. The texts that repeat (the household id on each member, town, village,
    /// relation, support mode, code lists) are one string each, shared, and found from the row's characters: a member
    /// costs no string but its household id's first sighting.
    /// </summary>
    private sealed class Rows(int households)
    {
        private readonly SharedText _shared = new();
        /// <summary>The group of a member whose household was not read (<see cref="Group"/>).</summary>
        public const int NoGroup = -1;

        // Each household's id, to its place in the order read; the households in that order.
        private readonly Dictionary<string, int> _householdIds = new(households, StringComparer.Ordinal);
        private readonly List<Household> _households = new(households);

        // A household's place in id order, by its place in the order read (RankHouseholds); null: read in id order.
        private int[]? _ranks;
        private readonly Dictionary<string, AidType> _aid = new(StringComparer.Ordinal);
        private readonly Dictionary<string, AidCategory> _categories = new(StringComparer.Ordinal);
        private readonly char[] _buffer = new char[256];

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public Household Household<TRow>(TRow row)
            where TRow : struct, IRow
        {
            var id = row.GetChars(0, _buffer).ToString();
            _householdIds[id] = _householdIds.Count;
            var household = new Household
            {
                HouseholdId = id,
                Subdistrict = _shared.Of(row.GetChars(1, _buffer)),
                Village = _shared.Of(row.GetChars(2, _buffer)),
                AnnualIncome = row.IsNull(3) ? null : Math.Round(row.GetDecimal(3), 2),
                HousingDifficulty = row.GetInt64(4) != 0,
                Aid = Code(_aid, row.GetChars(5, _buffer), Codes.ParseAid),
            };
            _households.Add(household);
            return household;
        }

        /// <value>
        /// The last member's household's place in household id order (the order the households were read, unless
        /// <see cref="RankHouseholds"/> ranked them), or <see cref="NoGroup"/>.
        /// </value>
        public int Group { get; private set; }

        /// <summary>
        /// The households were read in another order than by id: from now on <see cref="Group"/> is a household's place
        /// in id order, as SQLite sorts it (its text's UTF-8 bytes: <see cref="Utf8Order"/>).
        /// </summary>
        public void RankHouseholds()
        {
            var ids = new string[_householdIds.Count];
            foreach (var (id, place) in _householdIds)
            {
                ids[place] = id;
            }

            _ranks = Utf8Order.Ranks(ids);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Member<TRow>(TRow row, MemberRow member)
            where TRow : struct, IRow
        {
            var household = Find(row.GetChars(0, _buffer), out var sharedId);
            var (relation, categories, tekunSupport) = Fields(row);
            member(sharedId, household, row.GetInt64(1), row.GetChars(2, _buffer), relation, categories, row.GetInt64(5) != 0, row.GetInt64(6) != 0, tekunSupport);
        }

        /// <summary>
        /// The active members in storage order, from <paramref name="side"/>, into <paramref name="builder"/> without
        /// their households (<see cref="RulePopulation.Builder.AddUnplaced"/>); returns each one's household id as text:
        /// one string per run of members of one household, who come one after another.
        /// </summary>
        public static string[] ReadUnplaced(SqliteConnection side, RulePopulation.Builder builder, int members, CancellationToken cancellationToken)
        {
            var rows = new Rows(0);
            var households = new string[Math.Max(members, 1024)];
            var last = string.Empty;
            var read = 0;
            using var raw = new SqliteRawReader(side, MembersInStorageOrder);
            using var held = raw.HoldConnection();
            while (raw.Read())
            {
                if ((++read & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var row = new RawRow(raw);
                var householdId = row.GetChars(0, rows._buffer);
                if (!householdId.SequenceEqual(last))
                {
                    last = householdId.ToString();
                }

                if (read > households.Length)
                {
                    Array.Resize(ref households, households.Length * 2);
                }

                households[read - 1] = last;
                var (relation, categories, tekunSupport) = rows.Fields(row);
                builder.AddUnplaced(row.GetInt64(1), row.GetChars(2, rows._buffer), relation, categories, row.GetInt64(5) != 0, row.GetInt64(6) != 0, tekunSupport);
            }

            return households;
        }

        /// <summary>
        /// Gives each member <see cref="ReadUnplaced"/> read its household, as <see cref="Member"/> finds it, and adds
        /// its <see cref="Group"/> to <paramref name="groups"/>: once the households are read (and ranked).
        /// </summary>
        public void Place(RulePopulation.Builder builder, string[] households, List<int> groups)
        {
            string? last = null;
            var sharedId = string.Empty;
            Household? household = null;
            for (var i = 0; i < builder.Count; i++)
            {
                if (!ReferenceEquals(households[i], last))
                {
                    last = households[i];
                    household = Find(last, out sharedId);
                }

                builder.Place(i, sharedId, household);
                groups.Add(Group);
            }
        }

        /// <summary>
        /// The household read of id <paramref name="householdId"/> (null when it was not read), its id as shared, and
        /// <see cref="Group"/> set to its place.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private Household? Find(ReadOnlySpan<char> householdId, out string sharedId)
        {
            if (_householdIds.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(householdId, out var known, out var place))
            {
                sharedId = known;
                Group = _ranks is null ? place : _ranks[place];
                return _households[place];
            }

            sharedId = _shared.Of(householdId);
            Group = NoGroup;
            return null;
        }

        /// <summary>A member row's relation, categories and support mode (its texts shared), read in that order.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private (string Relation, AidCategory Categories, string TekunSupport) Fields<TRow>(TRow row)
            where TRow : struct, IRow
        {
            var relation = _shared.Of(row.GetChars(3, _buffer));
            var categories = Code(_categories, row.GetChars(4, _buffer), Codes.ParseCategories);
            return (relation, categories, _shared.Of(row.GetChars(7, _buffer)));
        }

        /// <summary>A code list's value, parsed once per distinct text.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static T Code<T>(Dictionary<string, T> known, ReadOnlySpan<char> text, Func<string, T> parse)
        {
            var lookup = known.GetAlternateLookup<ReadOnlySpan<char>>();
            if (!lookup.TryGetValue(text, out var value))
            {
                var key = text.ToString();
                known[key] = value = parse(key);
            }

            return value;
        }
    }

    /// <summary>One string per distinct short text (town, village, relation …), up to a bound.</summary>
    private sealed class SharedText
    {
        private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public string Of(ReadOnlySpan<char> text)
        {
            if (text.IsEmpty)
            {
                return string.Empty;
            }

            if (_texts.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text, out var known))
            {
                return known;
            }

            var made = text.ToString();
            if (_texts.Count < 200_000)
            {
                _texts[made] = made;
            }

            return made;
        }
    }
}
