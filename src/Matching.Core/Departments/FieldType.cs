namespace Matching.Core.Departments;

/// <summary>How a department field's cells are read and stored.</summary>
public enum FieldType
{
    /// <summary>Kept as typed (trimmed): a school, a disease.</summary>
    Text,

    /// <summary>A calendar date (就诊日期, 死亡日期), read from the forms departments write.</summary>
    Date,

    /// <summary>An amount in yuan (个人自付), stored exactly in fen.</summary>
    Amount,

    /// <summary>A yes/no value (是否家庭经济困难: 是/否).</summary>
    Flag,

    /// <summary>
    /// A value from the field's vocabulary (残疾等级: 一级, 1级, I级 …), stored as its canonical code (<c>1</c>). Codes
    /// share the text slots and columns: a batch stored before a field became coded holds its text in the same place.
    /// </summary>
    Code,
}
