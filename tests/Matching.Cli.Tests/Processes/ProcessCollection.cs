namespace Matching.Cli.Tests.Processes;

/// <summary>
/// The tests that start the real program as OS processes and depend on timing (a kill inside a transaction, two runs
/// at once): they run one at a time and never beside the rest of the suite, which would steal their CPU.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SeparateProcesses
{
    public const string Name = "Processes";
}
