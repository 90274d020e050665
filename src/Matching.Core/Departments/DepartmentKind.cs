namespace Matching.Core.Departments;

/// <summary>
/// How a department sends its data (CONTRACT.md, "How departments send data"), declared in its header map, never in code.
/// </summary>
public enum DepartmentKind
{
    /// <summary>
    /// 名单: every file is the department's whole current list (the school's semester list, the unemployment
    /// register). The newest accepted file is current; older ones are history.
    /// </summary>
    Snapshot,

    /// <summary>
    /// 明细/流水: every file adds events (a bill, a death, a relief record). Events accumulate across files; an event
    /// sent again counts once.
    /// </summary>
    Ledger,
}
