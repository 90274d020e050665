using System.Globalization;
using Matching.Core.Identity;
using Matching.Core.Linkage;
using Matching.Core.Rules;
using Matching.Core.Tables;

namespace Matching.Export.Workbooks;

/// <summary>
/// The warning workbooks (CONTRACT.md: Warning workbooks): one per receiver with its open warnings, and the
/// civil-affairs overview with every warning and its status. First sheet 预警名单: a title block (the receiver, the
/// date, the counts by status), then one header row (frozen, filtered over the data, repeated on every printed page)
/// and the warnings, IDs as text, dates as dates, nothing a formula. The two columns a department fills in, 处理结果
/// (a dropdown of the answer vocabulary) and 处理日期, are highlighted and follow the person's identity columns, so a
/// printed row reads across; the columns a clerk needs on a visit are the print area, one page wide, landscape.
/// Then 填写说明 (what to fill in, the answers and what each does, where to send the workbook) and 汇总 (counts by
/// receiver and status, by code, by town and code). A returned workbook is read back by its header names, not positions.
/// </summary>
public static partial class WarningWorkbook
{
    public const string WarningIdHeader = "预警编号";
    public const string ResultHeader = "处理结果";
    public const string DateHeader = "处理日期";
    public const string SheetName = "预警名单";
    public const string InstructionsSheetName = "填写说明";
    public const string SummarySheetName = "汇总";

    /// <summary>Printed columns first (what a clerk needs on a home visit), then the columns for the office.</summary>
    private static readonly (string Header, double Width)[] Columns =
    [
        (WarningIdHeader, 7), ("姓名", 8), ("身份证号码", 19.5), (ResultHeader, 14), (DateHeader, 11), ("预警类型", 24),
        ("镇（街道）", 9), ("村（社区）", 9), ("救助类别", 12), ("预警说明", 44), ("首次预警日期", 11), ("状态", 6),
        ("建议措施", 30), ("户编号", 14), ("来源名单", 18), ("来源部门", 13), ("匹配方式", 16), ("来源行号", 8), ("预警代码", 22),
    ];

    /// <summary>The columns printed (预警编号 … 状态); the overview prints 接收部门 too.</summary>
    private const int PrintedColumns = 12;

    /// <summary>The printed columns whose text wraps; the office's columns beyond the print area stay one line.</summary>
    private static readonly HashSet<int> Wrapped = [5, 6, 7, 8, 9];

    private static readonly (string Header, double Width)[] OverviewExtra = [("接收部门", 14), ("解除日期", 11)];

    /// <summary>Writes one receiver's workbook, the warnings streamed in; returns how many were written.</summary>
    /// <param name="path">The .xlsx to write.</param>
    /// <param name="warnings">The receiver's warnings, in workbook order.</param>
    /// <param name="mask">Mask IDs as 419001********123X.</param>
    /// <param name="cancellationToken">Cancels writing.</param>
    public static Task<long> WriteAsync(string path, IAsyncEnumerable<StoredWarning> warnings, bool mask, CancellationToken cancellationToken) =>
        WriteAsync(path, warnings, new WarningWorkbookInfo { Mask = mask }, overview: false, cancellationToken);

    /// <summary>Writes one receiver's workbook from warnings in hand.</summary>
    public static Task<long> WriteAsync(string path, IEnumerable<StoredWarning> warnings, bool mask, CancellationToken cancellationToken) =>
        WriteAsync(path, Stream(warnings), new WarningWorkbookInfo { Mask = mask }, overview: false, cancellationToken);

    /// <summary>Writes one receiver's workbook, the warnings streamed in, with its title, dropdown and instructions; returns how many.</summary>
    public static Task<long> WriteAsync(string path, IAsyncEnumerable<StoredWarning> warnings, WarningWorkbookInfo info, CancellationToken cancellationToken) =>
        WriteAsync(path, warnings, info, overview: false, cancellationToken);

    /// <summary>Writes the overview: every warning of every receiver, with its receiver and resolution date; returns how many.</summary>
    /// <param name="path">The .xlsx to write.</param>
    /// <param name="warnings">Every warning, streamed in.</param>
    /// <param name="info">Title, counts and names (<see cref="WarningWorkbookInfo.Receivers"/>: receiver code → Chinese name).</param>
    /// <param name="cancellationToken">Cancels writing.</param>
    public static Task<long> WriteOverviewAsync(string path, IAsyncEnumerable<StoredWarning> warnings, WarningWorkbookInfo info, CancellationToken cancellationToken) =>
        WriteAsync(path, warnings, info, overview: true, cancellationToken);

    private static async IAsyncEnumerable<StoredWarning> Stream(IEnumerable<StoredWarning> warnings)
    {
        foreach (var warning in warnings)
        {
            yield return warning;
        }

        await Task.CompletedTask;
    }

    private static async Task<long> WriteAsync(string path, IAsyncEnumerable<StoredWarning> warnings, WarningWorkbookInfo info, bool overview, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        ArgumentNullException.ThrowIfNull(info);
        var columns = overview ? [.. Columns[..PrintedColumns], OverviewExtra[0], .. Columns[PrintedColumns..], OverviewExtra[1]] : Columns;
        await using var sheet = await SheetWriter.CreateAsync(path, SheetName, Layout(columns, info, overview), cancellationToken);
        var row = new object?[columns.Length];
        var summary = new Summary();
        await foreach (var w in warnings.WithCancellation(cancellationToken))
        {
            summary.Add(w);
            Fill(row, w, info, overview);
            await sheet.AddRowAsync(row, cancellationToken);
        }

        // An empty list is one sheet that prints one page saying so: no instructions, nothing to sum up; unless rules
        // were held back by the data, which the overview's 汇总 must say, warnings or none.
        if (summary.Total > 0 || (overview && info.HeldBack.Count > 0))
        {
            if (info.Answers is { } answers && !overview)
            {
                await WriteInstructionsAsync(sheet, info, answers, summary, cancellationToken);
            }

            await summary.WriteAsync(sheet, info, overview, cancellationToken);
        }

        await sheet.FinishAsync(cancellationToken);
        return summary.Total;
    }

    private static void Fill(object?[] row, StoredWarning w, WarningWorkbookInfo info, bool overview)
    {
        var i = 0;
        row[i++] = w.WarningId;
        row[i++] = w.Name;
        row[i++] = info.Mask ? IdNumber.Mask(w.IdText) : w.IdText;
        row[i++] = w.Disposition;
        row[i++] = StoredDate.Parse(w.DispositionDate);
        row[i++] = w.Label;
        row[i++] = w.Subdistrict;
        row[i++] = w.Village;
        row[i++] = w.Categories;
        row[i++] = w.Detail;
        row[i++] = StoredDate.Parse(w.FirstDate);
        row[i++] = w.Status.Text();
        if (overview)
        {
            row[i++] = info.Receivers.GetValueOrDefault(w.Receiver, w.Receiver);
        }

        row[i++] = w.Measure;
        row[i++] = w.HouseholdId;
        // 来源部门 is the department's code (CONTRACT.md: a key a program can filter on); 来源名单 says it in Chinese.
        row[i++] = info.Departments.TryGetValue(w.Department, out var label) ? RuleText.Words(label) : w.Department;
        row[i++] = w.Department;
        row[i++] = MatchText.Chinese(w.Method);
        row[i++] = w.SourceRow;
        row[i++] = w.Code;
        if (overview)
        {
            row[i] = StoredDate.Parse(w.ResolvedDate);
        }
    }

    private static SheetLayout Layout((string Header, double Width)[] columns, WarningWorkbookInfo info, bool overview)
    {
        var name = info.ReceiverName.Length > 0 ? info.ReceiverName : "接收部门";
        var date = info.Date == default ? string.Empty : info.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var title = overview ? $"{name} 低收入人口动态监测预警总览（全部接收部门、全部状态）" : $"{name} 低收入人口动态监测预警名单";
        var counts = string.Join("，", info.Counts.Select(c => c.Answered > 0 && c.Status.IsOpen()
            ? string.Create(CultureInfo.InvariantCulture, $"{c.Status.Text()} {c.Count}（其中已答复待跟进 {c.Answered}）")
            : string.Create(CultureInfo.InvariantCulture, $"{c.Status.Text()} {c.Count}")));
        var total = info.Counts.Sum(c => c.Count);
        var second = string.Create(CultureInfo.InvariantCulture, $"生成日期：{date}　　预警 {total} 条{(counts.Length > 0 ? "：" + counts : string.Empty)}");
        var third = overview
            ? "本表供民政局汇总查看；各部门在各自的预警名单中填写处理结果。"
            : "请在黄色的“处理结果”“处理日期”两列填写（处理结果从下拉列表选择），其余各列请勿改动；填写要求见“填写说明”工作表。";
        var answers = info.Answers?.Offered.Select(a => a.Text).ToList();
        return new SheetLayout
        {
            Headers = [.. columns.Select(c => c.Header)],
            Widths = [.. columns.Select(c => c.Width)],
            Title = [title, second, third],
            FillIn = overview ? new HashSet<int>() : [3, 4],
            Wrap = overview ? [.. Wrapped.Select(c => c >= PrintedColumns ? c + 1 : c)] : Wrapped,
            PrintColumns = overview ? PrintedColumns + 1 : PrintedColumns,
            PageHeader = $"{name} 预警{(overview ? "总览" : "名单")}　{date}",
            Protect = !overview,
            Dropdown = overview || answers is null ? null : new SheetDropdown(3, answers, "这不是可选的处理结果之一：导入时会被列出退回。请从下拉列表选择。"),
            EmptyText = overview ? "没有预警。" : "本次没有需要处理的预警（no warnings）。",
        };
    }

    /// <summary>
    /// The 汇总 sheet's counts, kept as the rows stream past (a few dozen numbers, whatever the rows): by receiver and
    /// status (who has answered), by code, by town and code. Written as small titled tables a supervisor prints.
    /// </summary>
    private sealed class Summary
    {
        private static readonly WarningStatus[] Statuses = [WarningStatus.New, WarningStatus.Continuing, WarningStatus.Closed, WarningStatus.Resolved];

        private readonly Dictionary<(string Code, string Label), long> _byCode = [];
        private readonly Dictionary<string, long> _byPlace = new(StringComparer.Ordinal);
        private readonly Dictionary<(string Receiver, WarningStatus Status), long> _byReceiverStatus = [];
        private readonly Dictionary<string, long> _answeredOpen = new(StringComparer.Ordinal);
        private readonly Dictionary<(string Place, string Code), long> _byPlaceCode = [];

        public long Total { get; private set; }

        /// <summary>Each code's suggested measure (建议措施), for the 填写说明 sheet.</summary>
        public SortedDictionary<string, (string Label, string Measure)> Measures { get; } = new(StringComparer.Ordinal);

        public void Add(StoredWarning w)
        {
            Total++;
            _byCode[(w.Code, w.Label)] = _byCode.GetValueOrDefault((w.Code, w.Label)) + 1;
            _byPlace[w.Subdistrict] = _byPlace.GetValueOrDefault(w.Subdistrict) + 1;
            _byReceiverStatus[(w.Receiver, w.Status)] = _byReceiverStatus.GetValueOrDefault((w.Receiver, w.Status)) + 1;
            if (w.Status.IsOpen() && !string.IsNullOrEmpty(w.Disposition))
            {
                _answeredOpen[w.Receiver] = _answeredOpen.GetValueOrDefault(w.Receiver) + 1;
            }

            _byPlaceCode[(w.Subdistrict, w.Code)] = _byPlaceCode.GetValueOrDefault((w.Subdistrict, w.Code)) + 1;
            Measures.TryAdd(w.Code, (w.Label, w.Measure));
        }

        public async Task WriteAsync(SheetWriter sheet, WarningWorkbookInfo info, bool overview, CancellationToken cancellationToken)
        {
            var codes = _byCode.Keys.OrderBy(c => c.Code, StringComparer.Ordinal).ToList();
            var width = Math.Max(8, codes.Count + 2);
            var date = info.Date == default ? string.Empty : info.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            await sheet.StartSheetAsync(SummarySheetName, new SheetLayout
            {
                Widths = [34, .. Enumerable.Repeat(11.0, width - 1)],
                PageHeader = $"{info.ReceiverName} 预警汇总　{date}",
                Protect = true,
            }, cancellationToken);
            await sheet.AddRowAsync([$"{info.ReceiverName} 预警汇总"], RowKind.Title, cancellationToken);
            await sheet.AddRowAsync([string.Create(CultureInfo.InvariantCulture, $"生成日期：{date}　　预警合计 {Total} 条")], RowKind.Heading, cancellationToken);

            await sheet.AddRowAsync([overview ? "一、按接收部门和状态（谁已答复）" : "一、按状态"], RowKind.Heading, cancellationToken);
            await sheet.AddRowAsync(["接收部门", .. Statuses.Select(s => s.Text()), "其中已答复待跟进", "合计"], RowKind.Header, cancellationToken);
            var receivers = _byReceiverStatus.Keys.Select(k => k.Receiver).Distinct(StringComparer.Ordinal)
                .OrderBy(r => IndexOf(info.Receivers, r)).ThenBy(r => r, StringComparer.Ordinal).ToList();
            foreach (var receiver in receivers)
            {
                await sheet.AddRowAsync(
                [
                    info.Receivers.GetValueOrDefault(receiver, receiver), .. Statuses.Select(s => (object?)_byReceiverStatus.GetValueOrDefault((receiver, s))),
                    _answeredOpen.GetValueOrDefault(receiver), Statuses.Sum(s => _byReceiverStatus.GetValueOrDefault((receiver, s))),
                ], cancellationToken);
            }

            await sheet.AddRowAsync(["合计", .. Statuses.Select(s => (object?)_byReceiverStatus.Where(g => g.Key.Status == s).Sum(g => g.Value)), _answeredOpen.Values.Sum(), Total], cancellationToken);

            await sheet.AddRowAsync([string.Empty], RowKind.Note, cancellationToken);
            await sheet.AddRowAsync(["二、按预警类型"], RowKind.Heading, cancellationToken);
            await sheet.AddRowAsync(["预警类型", "条数", "预警代码"], RowKind.Header, cancellationToken);
            foreach (var ((code, label), count) in _byCode.OrderBy(g => g.Key.Code, StringComparer.Ordinal))
            {
                await sheet.AddRowAsync([label, count, code], cancellationToken);
            }

            await sheet.AddRowAsync(["合计", Total, string.Empty], cancellationToken);

            await sheet.AddRowAsync([string.Empty], RowKind.Note, cancellationToken);
            await sheet.AddRowAsync(["三、按镇（街道）和预警类型"], RowKind.Heading, cancellationToken);
            await sheet.AddRowAsync(["镇（街道）", .. codes.Select(c => (object?)c.Label), "合计"], RowKind.Header, cancellationToken);
            foreach (var (place, count) in _byPlace.OrderBy(g => g.Key.Length == 0).ThenBy(g => g.Key, StringComparer.Ordinal))
            {
                await sheet.AddRowAsync(
                [
                    place.Length == 0 ? "（不在低收入人口数据库）" : place, .. codes.Select(c => (object?)_byPlaceCode.GetValueOrDefault((place, c.Code))), count,
                ], cancellationToken);
            }

            await sheet.AddRowAsync(["合计", .. codes.Select(c => (object?)_byCode[c]), Total], cancellationToken);
            if (overview && info.HeldBack.Count > 0)
            {
                // What the data in use could not give the rules (a column a file lacks, or mostly leaves empty): the
                // warnings those rules would raise are missing from every count above.
                await sheet.AddRowAsync([string.Empty], RowKind.Note, cancellationToken);
                await sheet.AddRowAsync([HeldBackHeading], RowKind.Heading, cancellationToken);
                await sheet.AddRowAsync(["预警代码", "缺失情况"], RowKind.Header, cancellationToken);
                foreach (var (rule, text) in info.HeldBack)
                {
                    await sheet.AddRowAsync([rule, text], cancellationToken);
                }
            }
        }

        private static int IndexOf(IReadOnlyDictionary<string, string> receivers, string receiver)
        {
            var i = 0;
            foreach (var key in receivers.Keys)
            {
                if (key == receiver)
                {
                    return i;
                }

                i++;
            }

            return int.MaxValue;
        }
    }

    /// <summary>The heading of the overview's 汇总 table saying what the data in use could not give the rules.</summary>
    public const string HeldBackHeading = "四、规则数据缺失（以下规则因所用数据缺少字段，未能判断）";
}
