using Matching.Core.Identity;
using Matching.Core.Rules;
using Matching.Ingest.Rejects;

namespace Matching.Cli.Reports;

/// <summary>
/// Why a row was refused, in the words a department clerk reads in a reject report (原因). An ID's problem is worded
/// as in the warning workbooks (<see cref="RuleText.IdProblem"/>); the stable code (原因代码) stays the
/// <see cref="RejectReason"/> name, and the readers' English details stay for operators' messages.
/// </summary>
internal static class RejectText
{
    public static string Of(RejectedRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Reason switch
        {
            RejectReason.IdMissing => RuleText.IdProblem(IdKind.Empty),
            RejectReason.IdInvalid => $"身份证号无效：{RuleText.IdProblem(row.IdKind)}",
            RejectReason.DuplicateRow => "同一户中重复登记了同一人",
            RejectReason.ValueMissing => "必填的一项为空",
            RejectReason.ValueUnknown => "取值不在可识别的范围内（如救助类别、是/否），请按规定的名称填写",
            RejectReason.NumberInvalid => "不是有效的金额或数字",
            RejectReason.ValueInvalid => row.Detail.Contains("line break", StringComparison.Ordinal)
                ? "单元格中有换行符或控制字符（文件中可能有多余的引号）"
                : "取值无法识别为日期、金额或是/否",
            RejectReason.TooManyCells => "该行的单元格比表头多，可能有多余的分隔符使整行错位，整行未导入",
            RejectReason.NoIdOrName => "既没有身份证号也没有姓名",
            _ => "无法识别",
        };
    }
}
