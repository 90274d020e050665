namespace Matching.Core.Answers;

/// <summary>What a department's answer (处理结果) does to its warning.</summary>
public enum AnswerOutcome
{
    /// <summary>The warning is dealt with (已落实救助, 不符合条件 …): it becomes 已处理 until its facts change.</summary>
    Closes,

    /// <summary>The answer is noted but the warning stays open (正在核实, 未处理): it comes back in the next list.</summary>
    KeepsOpen,

    /// <summary>Not an answer (无, /, 空白 …): the row is listed back and nothing is recorded.</summary>
    Refused,
}
