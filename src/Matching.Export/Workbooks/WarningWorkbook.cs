using Matching.Core.Identity;
using Matching.Core.Rules;

namespace Matching.Export.Workbooks;

/// <summary>
/// The warning workbooks (CONTRACT.md: Warning workbooks): one per receiver with its open warnings, and the
/// civil-affairs overview with every warning and its status. First sheet 预警名单 (header frozen, auto-filter, widths
/// set, IDs as text, dates as dates, nothing a formula), second sheet 汇总 (counts by code and by town/subdistrict).
/// A returned workbook is read back by its 预警编号, 处理结果 and 处理日期 columns.
/// </summary>
public static class WarningWorkbook
{
    public const string WarningIdHeader = "预警编号";
    public const string ResultHeader = "处理结果";
    public const string DateHeader = "处理日期";
    public const string SheetName = "预警名单";

    private static readonly (string Header, double Width)[] Columns =
    [
        (WarningIdHeader, 10), ("预警代码", 22), ("预警类型", 26), ("身份证号码", 21), ("姓名", 10), ("来源部门", 14), ("匹配方式", 14),
        ("户编号", 15), ("镇（街道）", 12), ("村（社区）", 14), ("救助类别", 14), ("预警说明", 60), ("建议措施", 48),
        ("首次预警日期", 13), ("状态", 8), ("来源行号", 9), (ResultHeader, 24), (DateHeader, 12),
    ];

    private static readonly (string Header, double Width)[] OverviewExtra = [("接收部门", 20), ("解除日期", 12)];

    /// <summary>Writes one receiver's workbook.</summary>
    /// <param name="path">The .xlsx to write.</param>
    /// <param name="warnings">The receiver's warnings.</param>
    /// <param name="mask">Mask IDs as 419001********123X.</param>
    /// <param name="cancellationToken">Cancels writing.</param>
    public static Task WriteAsync(string path, IReadOnlyList<StoredWarning> warnings, bool mask, CancellationToken cancellationToken) =>
        WriteAsync(path, warnings, mask, null, cancellationToken);

    /// <summary>Writes the overview: every warning of every receiver, with its receiver and resolution date.</summary>
    /// <param name="path">The .xlsx to write.</param>
    /// <param name="warnings">Every warning.</param>
    /// <param name="mask">Mask IDs.</param>
    /// <param name="receivers">Receiver code → Chinese name.</param>
    /// <param name="cancellationToken">Cancels writing.</param>
    public static Task WriteOverviewAsync(
        string path, IReadOnlyList<StoredWarning> warnings, bool mask, IReadOnlyDictionary<string, string> receivers, CancellationToken cancellationToken) =>
        WriteAsync(path, warnings, mask, receivers, cancellationToken);

    private static async Task WriteAsync(
        string path, IReadOnlyList<StoredWarning> warnings, bool mask, IReadOnlyDictionary<string, string>? receivers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        var columns = receivers is null ? Columns : [.. Columns, .. OverviewExtra];
        await using var sheet = await SheetWriter.CreateAsync(path, SheetName, [.. columns.Select(c => c.Header)], [.. columns.Select(c => c.Width)], cancellationToken);
        var row = new object?[columns.Length];
        foreach (var w in warnings)
        {
            row[0] = w.WarningId;
            row[1] = w.Code;
            row[2] = w.Label;
            row[3] = mask ? IdNumber.Mask(w.IdNumber) : w.IdNumber;
            row[4] = w.Name;
            row[5] = w.Department;
            row[6] = w.Method;
            row[7] = w.HouseholdId;
            row[8] = w.Subdistrict;
            row[9] = w.Village;
            row[10] = w.Categories;
            row[11] = w.Detail;
            row[12] = w.Measure;
            row[13] = Date(w.FirstDate);
            row[14] = w.Status;
            row[15] = w.SourceRow;
            row[16] = w.Disposition;
            row[17] = Date(w.DispositionDate);
            if (receivers is not null)
            {
                row[18] = receivers.TryGetValue(w.Receiver, out var name) ? $"{name}（{w.Receiver}）" : w.Receiver;
                row[19] = Date(w.ResolvedDate);
            }

            await sheet.AddRowAsync(row, cancellationToken);
        }

        await WriteSummaryAsync(sheet, warnings, cancellationToken);
        await sheet.FinishAsync(cancellationToken);
    }

    private static async Task WriteSummaryAsync(SheetWriter sheet, IReadOnlyList<StoredWarning> warnings, CancellationToken cancellationToken)
    {
        await sheet.StartSheetAsync("汇总", ["分组", "项目", "名称", "条数"], [12, 24, 40, 8], cancellationToken);
        await sheet.AddRowAsync(["合计", string.Empty, string.Empty, warnings.Count], cancellationToken);
        foreach (var group in warnings.GroupBy(w => (w.Code, w.Label)).OrderBy(g => g.Key.Code, StringComparer.Ordinal))
        {
            await sheet.AddRowAsync(["预警代码", group.Key.Code, group.Key.Label, group.Count()], cancellationToken);
        }

        foreach (var group in warnings.GroupBy(w => w.Subdistrict).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var kind = group.Key.EndsWith('镇') ? "镇" : group.Key.Length == 0 ? "（不在低收入人口数据库）" : "街道";
            await sheet.AddRowAsync(["镇（街道）", group.Key.Length == 0 ? "—" : group.Key, kind, group.Count()], cancellationToken);
        }
    }

    private static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d) ? d : null;
}
