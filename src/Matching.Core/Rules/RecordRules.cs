namespace Matching.Core.Rules;

/// <summary>The shapes that look at one department record at a time; each gives the record's warning, or null.</summary>
internal static class RecordRules
{
    /// <summary>The warning <paramref name="rule"/> (a record shape) raises for <paramref name="record"/>, if any.</summary>
    public static RecordFinding? Evaluate(RuleOptions rule, RuleContext context, RuleRecord record) => rule.Shape switch
    {
        RuleShape.MatchedRecord => Matched(rule, context, record),
        RuleShape.UnmatchedRecord => Whole(Unmatched(rule, context, record)),
        RuleShape.IdInvalid => Whole(IdInvalid(rule, context, record)),
        RuleShape.IdNameMismatch => Whole(IdNameMismatch(rule, context, record)),
        _ => null,
    };

    private static RecordFinding? Whole(Warning? warning) => warning is null ? null : RecordFinding.Of(warning);

    /// <summary>
    /// <see cref="RuleShape.MatchedRecord"/>: the record is a low-income member under the rule's categories, its
    /// flag (if any) is set, and the household lacks the rule's aid (if any). EDU_AID_GAP, EMP_AID_GAP, MED_AID_GAP,
    /// DIS_SUBSIDY_GAP, SINGLE_PERSON_COVERAGE, DEATH_REVIEW, DISASTER_AID.
    /// </summary>
    private static RecordFinding? Matched(RuleOptions rule, RuleContext context, RuleRecord record)
    {
        if (!record.Match.IsMatched || !record.Meets(rule) || !context.InWindow(rule, record))
        {
            return null;
        }

        // No member record made for each matched row: its categories and household are read from the columns.
        var person = record.Match.Person;
        var categories = context.Population.CategoriesOf(person);
        var household = context.Population.HouseholdOf(person);
        if (!RuleContext.Covers(rule, categories) || !RuleContext.Lacks(rule, household))
        {
            return null;
        }

        var detail = context.Shared($"{RuleText.Categories(categories)}人员，见于{context.DepartmentLabel(record.Department)}{FlagText(rule, record, context)}{RuleContext.LacksText(rule)}");
        return RecordFinding.ForMember(person, context.Receiver(rule, record.Department), record, detail);
    }

    /// <summary>
    /// <see cref="RuleShape.UnmatchedRecord"/>: the record's valid ID is not in the low-income database and its flag
    /// (if any) is set: someone possibly eligible and not covered (EDU_NOT_COVERED).
    /// </summary>
    private static Warning? Unmatched(RuleOptions rule, RuleContext context, RuleRecord record)
    {
        if (!record.IsStranger || !record.Meets(rule) || !context.InWindow(rule, record))
        {
            return null;
        }

        var detail = context.Shared($"见于{context.DepartmentLabel(record.Department)}{FlagText(rule, record, context)}，不在低收入人口数据库中");
        return RuleContext.ForRecord(rule, record, context.Receiver(rule, record.Department), record.IdText, detail);
    }

    /// <summary>
    /// <see cref="RuleShape.IdInvalid"/>: the ID cannot be made valid and no fallback found the person; the source
    /// department is asked to correct it.
    /// </summary>
    private static Warning? IdInvalid(RuleOptions rule, RuleContext context, RuleRecord record)
    {
        var parsed = record.Match.Parsed;
        if (parsed.IsValid || record.Match.IsMatched)
        {
            return null;
        }

        var subject = "raw:" + Identity.IdParser.SubjectText(record.RawId) + "|" + record.Name;
        var detail = context.Shared($"{context.DepartmentLabel(record.Department)}记录的身份证号无效（{RuleText.IdProblem(parsed.Kind)}），按姓名等信息也未能确认身份");
        return RuleContext.ForRecord(rule, record, context.Receiver(rule, record.Department), subject, detail);
    }

    /// <summary>
    /// <see cref="RuleShape.IdNameMismatch"/>: the ID belongs to a database member whose name disagrees; the source
    /// department is asked to check which is right.
    /// </summary>
    private static Warning? IdNameMismatch(RuleOptions rule, RuleContext context, RuleRecord record)
    {
        if (!record.IsNameMismatch)
        {
            return null;
        }

        var id = record.Match.Parsed.Id;
        var detail = context.Shared($"{context.DepartmentLabel(record.Department)}记录的身份证号在低收入人口数据库中登记为另一姓名，请核对姓名或身份证号");
        var warning = RuleContext.ForRecord(rule, record, context.Receiver(rule, record.Department), id.Value, detail);
        if (context.Population.Index.TryFind(id.Key, out var person))
        {
            var household = context.Population.HouseholdOf(person);
            warning = warning with
            {
                HouseholdId = household.HouseholdId,
                Subdistrict = household.Subdistrict,
                Village = household.Village,
            };
        }

        return warning;
    }

    private static string FlagText(RuleOptions rule, RuleRecord record, RuleContext context)
    {
        if (rule.RecordFlag.Length == 0 && rule.RecordValues.Count == 0)
        {
            return string.Empty;
        }

        var said = new List<string>();
        if (rule.RecordFlag.Length > 0)
        {
            said.Add($"{context.FieldName(record.Department, rule.RecordFlag)}：是");
        }

        foreach (var field in rule.RecordValues.Keys)
        {
            var value = record.Text(field)?.Trim() ?? string.Empty;
            said.Add($"{context.FieldName(record.Department, field)}：{context.ValueText(record.Department, field, value)}");
        }

        return $"（{string.Join('，', said)}）";
    }
}
