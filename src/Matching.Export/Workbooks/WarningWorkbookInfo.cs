using Matching.Core.Answers;
using Matching.Core.Rules;

namespace Matching.Export.Workbooks;

/// <summary>What a warning workbook says about itself: for whom, as of when, how many, and how to answer it.</summary>
public sealed record WarningWorkbookInfo
{
    /// <value>The receiving department's Chinese name (教育体育局); for the overview, civil affairs'.</value>
    public string ReceiverName { get; init; } = string.Empty;

    /// <value>The date the workbook was written (the run it shows is the last before it).</value>
    public DateOnly Date { get; init; }

    /// <value>Warnings by status (新增, 持续 …) with how many of them carry an answer, counted before the rows are written.</value>
    public IReadOnlyList<StatusCount> Counts { get; init; } = [];

    /// <value>The answer vocabulary (the dropdown and the 填写说明 sheet); null: no dropdown, no instructions.</value>
    public AnswerVocabulary? Answers { get; init; }

    /// <value>Department code → its Chinese label (教育体育 在校学生), for 来源名单.</value>
    public IReadOnlyDictionary<string, string> Departments { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <value>Receiver code → its Chinese name, for the overview's 接收部门 and 汇总.</value>
    public IReadOnlyDictionary<string, string> Receivers { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <value>Mask IDs as 419001********123X.</value>
    public bool Mask { get; init; }

    /// <value>
    /// For the overview's 汇总: the rules the data in use holds back (a column a file lacks or mostly leaves empty), as
    /// (rule code, what is missing, in Chinese).
    /// </value>
    public IReadOnlyList<(string Rule, string Text)> HeldBack { get; init; } = [];
}

/// <summary>How many warnings have a status, and how many of those carry a department's answer.</summary>
public sealed record StatusCount(WarningStatus Status, long Count, long Answered);
