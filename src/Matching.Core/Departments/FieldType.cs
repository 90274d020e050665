namespace Matching.Core.Departments;

/// <summary>How a department field's cells are read and stored.</summary>
public enum FieldType
{
    /// <summary>Kept as typed (trimmed): a school, a disease, a disability grade.</summary>
    Text,

    /// <summary>A calendar date (就诊日期, 死亡日期), read from the forms departments write.</summary>
    Date,

    /// <summary>An amount in yuan (个人自付), stored exactly in fen.</summary>
    Amount,

    /// <summary>A yes/no value (是否家庭经济困难: 是/否).</summary>
    Flag,
}
