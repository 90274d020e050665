namespace Matching.Ingest.Coverage;

/// <summary>What a rule does with a field, and so what becomes of it without the field.</summary>
public enum RuleInputRole
{
    /// <summary>The rule fires only where the field has a value (家庭年收入 for RIGID_SPENDING, 个人自付, 是否家庭经济困难, 残疾等级).</summary>
    Needed,

    /// <summary>The housing rule counts tekun members only under a support mode (特困供养方式): without it, none count.</summary>
    TekunSupport,

    /// <summary>The rule places rows in its window by this date (就诊日期): without it, it cannot.</summary>
    WindowDate,
}
