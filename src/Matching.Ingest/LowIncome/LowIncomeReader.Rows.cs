using System.Runtime.CompilerServices;
using Matching.Core.Departments;
using Matching.Core.Identity;
using Matching.Core.Population;
using Matching.Ingest.HeaderMaps;
using Matching.Ingest.Rejects;

namespace Matching.Ingest.LowIncome;

public sealed partial class LowIncomeReader
{
    /// <summary>Reads the cells of one row, collecting the first problem as a rejection.</summary>
    private sealed class RowReader(SourceTable table, List<RejectedRow> rejected, LowIncomeReader owner)
    {
        // Column of each field, found once: a million rows ask for twenty fields each.
        private readonly Dictionary<string, int> _columns = table.Map.Fields.Keys.ToDictionary(f => f, table.Column, StringComparer.Ordinal);
        private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);
        private readonly char[] _scratch = new char[256];
        private string _lastHousehold = string.Empty;

        public bool Failed { get; private set; }

        public void Begin() => Failed = false;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public AidCategory Categories()
        {
            var raw = Span(CategoryField);
            var categories = AidCategory.None;
            foreach (var range in raw.SplitAny(CategorySeparators))
            {
                var part = raw[range].Trim();
                if (part.IsEmpty)
                {
                    continue;
                }

                if (!owner._categories.TryRead(part, out var code))
                {
                    Reject(CategoryField, raw.ToString(), RejectReason.ValueUnknown, $"not a category listed ({owner._categories.Listing} …; header map values.category)");
                    return AidCategory.None;
                }

                categories |= owner._categoryOf[code];
            }

            if (categories == AidCategory.None)
            {
                Reject(CategoryField, raw.ToString(), RejectReason.ValueMissing, "no category");
            }

            return categories;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public bool Flag(string field)
        {
            var raw = Span(field).Trim();
            if (owner._parsers.TryFlag(raw, out var yes))
            {
                return yes;
            }

            if (!raw.IsEmpty)
            {
                Reject(field, raw.ToString(), RejectReason.ValueUnknown, CellParsers.FlagProblem);
            }

            return false;
        }

        /// <summary>A coded cell's canonical code (分散供养 → 分散), empty for an empty cell.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public string Code(string field, Vocabulary vocabulary)
        {
            var raw = Span(field).Trim();
            if (raw.IsEmpty)
            {
                return string.Empty;
            }

            if (vocabulary.TryRead(raw, out var code))
            {
                return code;
            }

            Reject(field, raw.ToString(), RejectReason.ValueUnknown, $"not one of the values listed ({vocabulary.Listing}; header map values.{vocabulary.Name})");
            return string.Empty;
        }

        /// <summary>An amount in yuan (¥, 元 and thousands separators as clerks type them), or null for an empty cell.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public decimal? Amount(string field)
        {
            var raw = Span(field).Trim();
            if (raw.IsEmpty)
            {
                return null;
            }

            if (owner._parsers.TryAmount(raw, refunds: false, out var fen, out var problem))
            {
                return Fen.ToYuan(fen);
            }

            Reject(field, raw.ToString(), RejectReason.NumberInvalid, problem);
            return null;
        }

        /// <summary>Whether a field's cell is empty on this row (or the file has no column for it).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public bool IsEmpty(string field) => Span(field).Trim().IsEmpty;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private string Cell(string field)
        {
            var column = _columns.GetValueOrDefault(field, -1);
            return column < 0 ? string.Empty : table.Reader.GetString(column);
        }

        /// <summary>A cell without a string, valid until the next cell is read.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
