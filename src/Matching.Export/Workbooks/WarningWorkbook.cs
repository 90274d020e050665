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

    /// <summary>Writes one receiver's workbook, the warnings streamed in; returns how many were written.</summary>
    /// <param name="path">The .xlsx to write.</param>
    /// <param name="warnings">The receiver's warnings, in workbook order.</param>
    /// <param name="mask">Mask IDs as 419001********123X.</param>
    /// <param name="cancellationToken">Cancels writing.</param>
    public static Task<long> WriteAsync(string path, IAsyncEnumerable<StoredWarning> warnings, bool mask, CancellationToken cancellationToken) =>
        WriteAsync(path, warnings, mask, null, cancellationToken);

    /// <summary>Writes one receiver's workbook from warnings in hand.</summary>
    public static Task<long> WriteAsync(string path, IEnumerable<StoredWarning> warnings, bool mask, CancellationToken cancellationToken) =>
        WriteAsync(path, Stream(warnings), mask, null, cancellationToken);

    /// <summary>Writes the overview: every warning of every receiver, with its receiver and resolution date; returns how many.</summary>
    /// <param name="path">The .xlsx to write.</param>
    /// <param name="warnings">Every warning, streamed in.</param>
    /// <param name="mask">Mask IDs.</param>
    /// <param name="receivers">Receiver code → Chinese name.</param>
    /// <param name="cancellationToken">Cancels writing.</param>
    public static Task<long> WriteOverviewAsync(
        string path, IAsyncEnumerable<StoredWarning> warnings, bool mask, IReadOnlyDictionary<string, string> receivers, CancellationToken cancellationToken) =>
        WriteAsync(path, warnings, mask, receivers, cancellationToken);

    /// <summary>
    /// Writes the overview with <paramref name="heldBack"/> in its 汇总: what the data in use could not give the rules
    /// (a column a file lacks, or mostly leaves empty), one row each, so that civil affairs sees which warnings cannot be
    /// raised; returns how many warnings were written.
    /// </summary>
    public static Task<long> WriteOverviewAsync(
        string path, IAsyncEnumerable<StoredWarning> warnings, bool mask, IReadOnlyDictionary<string, string> receivers,
        IReadOnlyList<(string Rule, string Text)> heldBack, CancellationToken cancellationToken) =>
        WriteAsync(path, warnings, mask, receivers, heldBack, cancellationToken);

    private static async IAsyncEnumerable<StoredWarning> Stream(IEnumerable<StoredWarning> warnings)
    {
        foreach (var warning in warnings)
        {
            yield return warning;
        }

        await Task.CompletedTask;
    }

    private static Task<long> WriteAsync(
        string path, IAsyncEnumerable<StoredWarning> warnings, bool mask, IReadOnlyDictionary<string, string>? receivers, CancellationToken cancellationToken) =>
        WriteAsync(path, warnings, mask, receivers, [], cancellationToken);

    private static async Task<long> WriteAsync(
        string path, IAsyncEnumerable<StoredWarning> warnings, bool mask, IReadOnlyDictionary<string, string>? receivers,
        IReadOnlyList<(string Rule, string Text)> heldBack, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        var columns = receivers is null ? Columns : [.. Columns, .. OverviewExtra];
        await using var sheet = await SheetWriter.CreateAsync(path, SheetName, [.. columns.Select(c => c.Header)], [.. columns.Select(c => c.Width)], cancellationToken);
        var row = new object?[columns.Length];
        var summary = new Summary();
        await foreach (var w in warnings.WithCancellation(cancellationToken))
        {
            summary.Add(w);
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

        await summary.WriteAsync(sheet, cancellationToken);
        await WriteHeldBackAsync(sheet, heldBack, cancellationToken);
        await sheet.FinishAsync(cancellationToken);
        return summary.Total;
    }

    /// <summary>The 汇总 sheet's counts, kept as the rows stream past (a few dozen numbers, whatever the rows).</summary>
    private sealed class Summary
    {
        private readonly Dictionary<(string Code, string Label), long> _byCode = [];
        private readonly Dictionary<string, long> _byPlace = new(StringComparer.Ordinal);

        public long Total { get; private set; }

        public void Add(StoredWarning w)
        {
            Total++;
            _byCode[(w.Code, w.Label)] = _byCode.GetValueOrDefault((w.Code, w.Label)) + 1;
            _byPlace[w.Subdistrict] = _byPlace.GetValueOrDefault(w.Subdistrict) + 1;
        }

        public async Task WriteAsync(SheetWriter sheet, CancellationToken cancellationToken)
        {
            await sheet.StartSheetAsync("汇总", ["分组", "项目", "名称", "条数"], [12, 24, 40, 8], cancellationToken);
            await sheet.AddRowAsync(["合计", string.Empty, string.Empty, Total], cancellationToken);
            foreach (var ((code, label), count) in _byCode.OrderBy(g => g.Key.Code, StringComparer.Ordinal))
            {
                await sheet.AddRowAsync(["预警代码", code, label, count], cancellationToken);
            }

            foreach (var (place, count) in _byPlace.OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var kind = place.EndsWith('镇') ? "镇" : place.Length == 0 ? "（不在低收入人口数据库）" : "街道";
                await sheet.AddRowAsync(["镇（街道）", place.Length == 0 ? "—" : place, kind, count], cancellationToken);
            }
        }
    }

    /// <summary>汇总 rows after the counts: 规则数据缺失 | code | what the data lacks and what the rule cannot do.</summary>
    private static async Task WriteHeldBackAsync(SheetWriter sheet, IReadOnlyList<(string Rule, string Text)> heldBack, CancellationToken cancellationToken)
    {
        foreach (var (rule, text) in heldBack)
        {
            await sheet.AddRowAsync([HeldBackGroup, rule, text, null], cancellationToken);
        }
    }

    /// <summary>The 汇总 group of the rows saying what the data in use could not give the rules.</summary>
    public const string HeldBackGroup = "规则数据缺失";

    private static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d) ? d : null;
}
