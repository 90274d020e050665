namespace Matching.Storage;

/// <summary>What recording a returned workbook's answers did (<c>WarningStore.RecordDispositionsAsync</c>).</summary>
public sealed record DispositionResult
{
    /// <value>Answers that closed their warning (已处理).</value>
    public int Closed { get; init; }

    /// <value>Answers noted on a warning that stays open (正在核实 …).</value>
    public int KeptOpen { get; init; }

    /// <value>Answers already recorded as they are.</value>
    public int Unchanged { get; init; }

    /// <value>Numbers that name no warning at all.</value>
    public IReadOnlyList<long> Unknown { get; init; } = [];

    /// <value>Numbers that name another receiver's warning, with that receiver.</value>
    public IReadOnlyList<(long WarningId, string Receiver)> Foreign { get; init; } = [];

    /// <value>
    /// Answers dated before their warning was (last) raised: with the current first date and the date it was first
    /// raised at all (null when no run event says). An answer dated between the two answers an earlier round.
    /// </value>
    public IReadOnlyList<(long WarningId, string FirstDate, string? FirstRaised)> BeforeRaised { get; init; } = [];

    /// <value>Answers whose row's 身份证号码 is not the warning's (its 预警编号 changed?): not recorded.</value>
    public IReadOnlyList<long> OtherPerson { get; init; } = [];

    /// <value>
    /// The receiver most of the workbook's numbers belong to, when that is another receiver: the file was
    /// imported under the wrong receiver, and nothing was recorded.
    /// </value>
    public string? WrongReceiver { get; init; }

    /// <summary>Answers recorded.</summary>
    public int Recorded => Closed + KeptOpen;
}
