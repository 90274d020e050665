using System.Globalization;
using Matching.Core.Identity;
using Matching.Core.Population;
using Matching.Ingest.HeaderMaps;
using Matching.Ingest.Rejects;

namespace Matching.Ingest.LowIncome;

/// <summary>
/// Reads a civil-affairs export (one row per household member) into a <see cref="LowIncomeSnapshot"/>. Rows whose
/// ID cannot be made valid, or whose coded cells are unknown, are rejected with row, column and reason; the rest load.
/// </summary>
public sealed class LowIncomeReader
{
    private static readonly (string Field, AidType Aid)[] AidFields =
    [
        ("aidMedical", AidType.Medical), ("aidEducation", AidType.Education), ("aidEmployment", AidType.Employment),
        ("aidHousing", AidType.Housing), ("aidDisability", AidType.DisabilitySubsidy), ("aidTemporary", AidType.Temporary),
    ];

    private static readonly char[] CategorySeparators = ['、', ',', '，', ';', '；', '/', '|', ' '];

    private readonly Dictionary<string, AidCategory> _categories = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, bool> _flags = new(StringComparer.OrdinalIgnoreCase);

    public LowIncomeReader(HeaderMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        if (map.Values.TryGetValue("category", out var categories))
        {
            foreach (var (code, labels) in categories)
            {
                foreach (var label in labels)
                {
                    _categories[label.Trim()] = Codes.CategoryOf(code);
                }
            }
        }

        if (map.Values.TryGetValue("flag", out var flags))
        {
            foreach (var (code, labels) in flags)
            {
                foreach (var label in labels)
                {
                    _flags[label.Trim()] = code == "yes";
                }
            }
        }
    }

    public LowIncomeReadResult Read(SourceTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var households = new Dictionary<string, Household>(StringComparer.Ordinal);
        var members = new List<Member>();
        var seen = new HashSet<(string, long)>();
        var rejected = new List<RejectedRow>();
        long rowsRead = 0;
        var row = new RowReader(table, rejected, this);
        while (table.Read())
        {
            rowsRead++;
            if (table.HasExtraCells)
            {
                rejected.Add(new RejectedRow(table.Reader.SourceRow, string.Empty, string.Empty, RejectReason.TooManyCells,
                    $"the row has {table.Reader.FieldCount} cells, the header {table.Headers.Count}: a stray separator?"));
                continue;
            }

            row.Begin();
            var id = row.Id();
            var householdId = row.HouseholdId();
            var name = row.Required(HeaderMap.NameField);
            var categories = row.Categories();
            var subdistrict = row.Text("subdistrict");
            var village = row.Text("village");
            var income = row.Decimal("income");
            var housingDifficulty = row.Flag("housingDifficulty");
            var aid = AidOf(row);
            var member = new Member
            {
                HouseholdId = householdId,
                Id = id,
                Name = name,
                Relation = row.Text("relation"),
                Categories = categories,
                SeriousIllness = row.Flag("seriousIllness"),
                SevereDisability = row.Flag("severeDisability"),
                TekunSupport = row.Text("tekunSupport"),
            };

            if (row.Failed)
            {
                continue;
            }

            if (!seen.Add((householdId, id.Key)))
            {
                rejected.Add(new RejectedRow(table.Reader.SourceRow, table.ColumnName(HeaderMap.IdField), id.Masked,
                    RejectReason.DuplicateRow, "the same person is listed twice in this household"));
                continue;
            }

            // The household's own cells repeat on each member's row: the first row describes it, aid accumulates.
            if (!households.TryGetValue(householdId, out var known))
            {
                households[householdId] = new Household
                {
                    HouseholdId = householdId, Subdistrict = subdistrict, Village = village, AnnualIncome = income,
                    HousingDifficulty = housingDifficulty, Aid = aid,
                };
            }
            else if ((known.Aid | aid) != known.Aid)
            {
                households[householdId] = known with { Aid = known.Aid | aid };
            }

            members.Add(member);
        }

        return new LowIncomeReadResult(new LowIncomeSnapshot([.. households.Values], members), rowsRead, rejected);
    }

    private static AidType AidOf(RowReader row)
    {
        var aid = AidType.None;
        foreach (var (field, type) in AidFields)
        {
            if (row.Flag(field))
            {
                aid |= type;
            }
        }

        return aid;
    }

    /// <summary>Reads the cells of one row, collecting the first problem as a rejection.</summary>
    private sealed class RowReader(SourceTable table, List<RejectedRow> rejected, LowIncomeReader owner)
    {
        // Column of each field, found once: a million rows ask for twenty fields each.
        private readonly Dictionary<string, int> _columns = table.Map.Fields.Keys.ToDictionary(f => f, table.Column, StringComparer.Ordinal);
        private readonly Dictionary<string, bool>.AlternateLookup<ReadOnlySpan<char>> _flags = owner._flags.GetAlternateLookup<ReadOnlySpan<char>>();
        private readonly Dictionary<string, AidCategory>.AlternateLookup<ReadOnlySpan<char>> _categories = owner._categories.GetAlternateLookup<ReadOnlySpan<char>>();
        private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);
        private readonly char[] _scratch = new char[256];
        private string _lastHousehold = string.Empty;

        public bool Failed { get; private set; }

        public void Begin() => Failed = false;

        public IdNumber Id()
        {
            var raw = Span(HeaderMap.IdField);
            var parsed = IdParser.Parse(raw);
            if (parsed.IsValid)
            {
                return parsed.Id;
            }

            Reject(HeaderMap.IdField, IdNumber.Mask(raw.Trim()),
                parsed.Kind == IdKind.Empty ? RejectReason.IdMissing : RejectReason.IdInvalid, parsed.Reason, parsed.Kind);
            return default;
        }

        public string Required(string field)
        {
            var value = Cell(field).Trim();
            if (value.Length == 0)
            {
                Reject(field, string.Empty, RejectReason.ValueMissing, "required value is empty");
            }

            return value;
        }

        /// <summary>
        /// A short text that repeats across rows (镇, 村, 与户主关系 …): one string per distinct value, not per row.
        /// </summary>
        public string Text(string field)
        {
            var value = Span(field).Trim();
            if (value.IsEmpty)
            {
                return string.Empty;
            }

            var texts = _texts.GetAlternateLookup<ReadOnlySpan<char>>();
            if (texts.TryGetValue(value, out var known))
            {
                return known;
            }

            var text = value.ToString();
            if (_texts.Count < 100_000)
            {
                _texts[text] = text;
            }

            return text;
        }

        /// <summary>The 户编号, reusing the previous row's string: members of a household come one after another.</summary>
        public string HouseholdId()
        {
            var value = Span("householdId").Trim();
            if (value.SequenceEqual(_lastHousehold))
            {
                return _lastHousehold;
            }

            if (value.IsEmpty)
            {
                Reject("householdId", string.Empty, RejectReason.ValueMissing, "required value is empty");
                return string.Empty;
            }

            return _lastHousehold = value.ToString();
        }

        public AidCategory Categories()
        {
            var raw = Span("category");
            var categories = AidCategory.None;
            foreach (var range in raw.SplitAny(CategorySeparators))
            {
                var part = raw[range].Trim();
                if (part.IsEmpty)
                {
                    continue;
                }

                if (!_categories.TryGetValue(part, out var category))
                {
                    Reject("category", raw.ToString(), RejectReason.ValueUnknown, "not a category listed in the header map");
                    return AidCategory.None;
                }

                categories |= category;
            }

            if (categories == AidCategory.None)
            {
                Reject("category", raw.ToString(), RejectReason.ValueMissing, "no category");
            }

            return categories;
        }

        public bool Flag(string field)
        {
            var column = _columns.GetValueOrDefault(field, -1);
            var raw = column < 0 ? [] : table.Reader.GetSpan(column, _scratch).Trim();
            if (raw.IsEmpty)
            {
                return false;
            }

            if (_flags.TryGetValue(raw, out var yes))
            {
                return yes;
            }

            var text = raw.ToString();
            Reject(field, text, RejectReason.ValueUnknown, "not a yes/no value (是/否)");
            return false;
        }

        public decimal? Decimal(string field)
        {
            var raw = Span(field).Trim();
            if (raw.IsEmpty)
            {
                return null;
            }

            // NumberStyles.Number takes thousands separators (8,600.50) as they are.
            if (decimal.TryParse(raw, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && value >= 0)
            {
                return value;
            }

            Reject(field, raw.ToString(), RejectReason.NumberInvalid, "not an amount");
            return null;
        }

        private string Cell(string field)
        {
            var column = _columns.GetValueOrDefault(field, -1);
            return column < 0 ? string.Empty : table.Reader.GetString(column);
        }

        /// <summary>A cell without a string, valid until the next cell is read.</summary>
        private ReadOnlySpan<char> Span(string field)
        {
            var column = _columns.GetValueOrDefault(field, -1);
            return column < 0 ? [] : table.Reader.GetSpan(column, _scratch);
        }

        private void Reject(string field, string maskedValue, RejectReason reason, string detail, IdKind idKind = default)
        {
            if (Failed)
            {
                return;
            }

            Failed = true;
            rejected.Add(new RejectedRow(table.Reader.SourceRow, table.ColumnName(field), RejectValue.Mask(maskedValue), reason, detail) { IdKind = idKind });
        }
    }
}
