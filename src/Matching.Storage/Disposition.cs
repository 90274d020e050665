namespace Matching.Storage;

/// <summary>A department's answer to one warning (处理结果, 处理日期) from a returned workbook.</summary>
public sealed record Disposition(long WarningId, string Result, DateOnly? Date);
