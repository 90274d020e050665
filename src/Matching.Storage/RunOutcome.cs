namespace Matching.Storage;

/// <summary>How a run ended, as stored in <c>run.outcome</c> (<c>running</c>, <c>succeeded</c> …).</summary>
public enum RunOutcome
{
    /// <summary><c>running</c>: started and not yet finished (or its process is still to be found gone).</summary>
    Running,

    /// <summary><c>succeeded</c>: its warnings are stored and the batches it used are processed.</summary>
    Succeeded,

    /// <summary><c>failed</c>: it stopped on an error, which the run row keeps; nothing of it was stored.</summary>
    Failed,

    /// <summary><c>interrupted</c>: its process stopped before it finished (found at the next run).</summary>
    Interrupted,
}

/// <summary>A <see cref="RunOutcome"/> as stored and shown.</summary>
public static class RunOutcomeText
{
    public static string Text(this RunOutcome outcome) => outcome switch
    {
        RunOutcome.Running => "running",
        RunOutcome.Succeeded => "succeeded",
        RunOutcome.Failed => "failed",
        RunOutcome.Interrupted => "interrupted",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };
}
