using Matching.Storage;

namespace Matching.Cli.Commands;

/// <summary>What <c>matching import</c> did with one file.</summary>
/// <param name="Department">The department code.</param>
/// <param name="BatchId">The new batch, or the earlier one the same bytes already are.</param>
/// <param name="Earlier">The earlier batch when the file was skipped as identical, else null.</param>
/// <param name="RowsRead">Data rows read.</param>
/// <param name="Accepted">Rows stored.</param>
/// <param name="Rejected">Rows not stored.</param>
/// <param name="IdProblems">Rows stored whose ID needs checking.</param>
/// <param name="Superseded">The department's batches this one replaced for matching.</param>
/// <param name="Report">The reject report written, if any.</param>
internal sealed record ImportOutcome(
    string Department, long BatchId, BatchRecord? Earlier, long RowsRead, int Accepted, int Rejected, int IdProblems,
    IReadOnlyList<long> Superseded, string? Report);
