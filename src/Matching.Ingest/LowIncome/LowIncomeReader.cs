using System.Runtime.CompilerServices;
using Matching.Core.Departments;
using Matching.Core.Identity;
using Matching.Core.Population;
using Matching.Ingest.Coverage;
using Matching.Ingest.HeaderMaps;
using Matching.Ingest.Rejects;
using Matching.Ingest.Tables;

namespace Matching.Ingest.LowIncome;

/// <summary>
/// Reads a civil-affairs export (one row per household member) into a <see cref="LowIncomeSnapshot"/>, its typed
/// cells through the one parser set (<see cref="CellParsers"/>: yes/no flags, the income as an amount, 救助类别 and
/// 特困供养方式 through their vocabularies, stored as canonical codes). Rows whose ID cannot be made valid, or whose
/// coded cells are unknown, are rejected with row, column and reason; the rest load. The cells the rules need are
/// counted as they pass (<see cref="LowIncomeReadResult.Fill"/>): income and housing per household, support mode per
/// tekun member.
/// </summary>
public sealed partial class LowIncomeReader
{
    /// <summary>家庭年收入: RIGID_SPENDING weighs spending against it.</summary>
    public const string IncomeField = "income";

    /// <summary>住房困难: the housing rule's condition.</summary>
    public const string HousingDifficultyField = "housingDifficulty";

    /// <summary>特困供养方式: the housing rule counts tekun members under one mode only (分散).</summary>
    public const string TekunSupportField = "tekunSupport";

    /// <summary>救助类别: one or more categories in a cell.</summary>
    public const string CategoryField = "category";

    private static readonly (string Field, AidType Aid)[] AidFields =
    [
        ("aidMedical", AidType.Medical), ("aidEducation", AidType.Education), ("aidEmployment", AidType.Employment),
        ("aidHousing", AidType.Housing), ("aidDisability", AidType.DisabilitySubsidy), ("aidTemporary", AidType.Temporary),
    ];

    private static readonly char[] CategorySeparators = ['、', ',', '，', ';', '；', '/', '|', ' '];

    private readonly CellParsers _parsers;
    private readonly Vocabulary _categories;
    private readonly Vocabulary _support;
    private readonly Dictionary<string, AidCategory> _categoryOf = new(StringComparer.Ordinal);

    public LowIncomeReader(HeaderMap map)
        : this(map, IngestLimits.Default)
    {
    }

    /// <exception cref="ArgumentException">The map's vocabularies do not read (the catalog refuses such maps).</exception>
    public LowIncomeReader(HeaderMap map, IngestLimits limits)
    {
        ArgumentNullException.ThrowIfNull(map);
        _parsers = new CellParsers(map, limits);
        _categories = _parsers.CodesOf(CategoryField);
        _support = _parsers.CodesOf(TekunSupportField);
        foreach (var code in _categories.Words.Keys)
        {
            _categoryOf[code] = Codes.CategoryOf(code);
        }
    }

    /// <param name="table">The file, opened.</param>
    /// <param name="accepted">
    /// Called with each member as it is accepted, in the file's order (the result's <see cref="LowIncomeSnapshot.Members"/>
    /// are the same, in the same order): an import stores them while the rest of the file is read.
    /// </param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public LowIncomeReadResult Read(SourceTable table, Action<Member>? accepted = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var households = new Dictionary<string, Household>(StringComparer.Ordinal);
        var members = new List<Member>();
        var seen = new HashSet<(string, long)>();
        var rejected = new List<RejectedRow>();
        long rowsRead = 0;
        var fill = new FieldFill([(IncomeField, FillUnit.Households), (HousingDifficultyField, FillUnit.Households), (TekunSupportField, FillUnit.TekunMembers)]);
        var row = new RowReader(table, rejected, this);
        while (table.Read())
        {
            rowsRead++;
            if (table.HasExtraCells)
            {
                rejected.Add(new RejectedRow(table.Reader.SourceRow, string.Empty, string.Empty, RejectReason.TooManyCells,
                    SourceTable.ExtraCellsReason(table.Reader.FieldCount, table.Headers.Count)));
                continue;
            }

            row.Begin();
            var id = row.Id();
            var householdId = row.HouseholdId();
            var name = row.Required(HeaderMap.NameField);
            var categories = row.Categories();
            var subdistrict = row.Text("subdistrict");
            var village = row.Text("village");
            var income = row.Amount(IncomeField);
            var housingDifficulty = row.Flag(HousingDifficultyField);
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
                TekunSupport = row.Code(TekunSupportField, _support),
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

            if ((categories & AidCategory.Tekun) != 0)
            {
                fill.Count(2, row.IsEmpty(TekunSupportField));
            }

            // The household's own cells repeat on each member's row: the first row describes it, aid accumulates.
            if (!households.TryGetValue(householdId, out var known))
            {
                fill.Count(0, income is null);
                fill.Count(1, row.IsEmpty(HousingDifficultyField) && !_parsers.ReadsEmpty(HousingDifficultyField, FieldType.Flag));
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
            accepted?.Invoke(member);
        }

        return new LowIncomeReadResult(new LowIncomeSnapshot([.. households.Values], members), rowsRead, rejected) { Fill = fill };
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
}
