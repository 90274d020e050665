namespace Matching.Storage;

/// <summary>A department's answer to one warning (处理结果, 处理日期) from a returned workbook.</summary>
/// <param name="WarningId">The warning (预警编号).</param>
/// <param name="Result">The answer as the vocabulary spells it.</param>
/// <param name="Date">The date answered, if given.</param>
/// <param name="Closes">Whether the answer closes the warning (已处理) or is noted while it stays open.</param>
/// <param name="IdText">The row's 身份证号码 as returned (full or masked), when the workbook has it: checked against the
/// warning's, since a 预警编号 typed over would otherwise answer another person's warning.</param>
public sealed record Disposition(long WarningId, string Result, DateOnly? Date, bool Closes = true, string? IdText = null);
