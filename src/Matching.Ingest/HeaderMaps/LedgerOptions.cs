namespace Matching.Ingest.HeaderMaps;

/// <summary>
/// How a ledger department's events are told apart (<c>"ledger"</c> in its header map). An event sent again in a
/// later or overlapping file counts once: two rows are one event when they have the same date
/// (<see cref="DateField"/>) and the same record number (<see cref="RecordNumber"/>, where the file has that column
/// and the row a value), else the same <see cref="Key"/> fields.
/// </summary>
public sealed record LedgerOptions
{
    /// <value>The field holding the event's date (就诊日期); empty when events carry none.</value>
    public string DateField { get; init; } = string.Empty;

    /// <value>The field holding a record number that names the event (结算单号, 单据号), if the department has one.</value>
    public string RecordNumber { get; init; } = string.Empty;

    /// <value>The fields that together name an event without a record number. Default: the ID and every amount field.</value>
    public IReadOnlyList<string> Key { get; init; } = [];

    /// <value>How long stored events are kept, in months (a purge deletes older ones). Default 60. Separate from the
    /// rules' evaluation window: events older than the window stop counting long before they are deleted.</value>
    public int RetentionMonths { get; init; } = 60;
}
