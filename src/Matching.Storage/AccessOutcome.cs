namespace Matching.Storage;

/// <summary>How an audited access ended, as stored in <c>access_audit.outcome</c> (<c>ok</c>, <c>refused</c>).</summary>
public enum AccessOutcome
{
    /// <summary><c>ok</c>: the data was shown or handed out.</summary>
    Ok,

    /// <summary><c>refused</c>: the command stopped after it was recorded; nothing more was handed out.</summary>
    Refused,
}

/// <summary>An <see cref="AccessOutcome"/> as stored and shown.</summary>
public static class AccessOutcomeText
{
    public static string Text(this AccessOutcome outcome) => outcome switch
    {
        AccessOutcome.Ok => "ok",
        AccessOutcome.Refused => "refused",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    public static AccessOutcome Parse(string text) => text switch
    {
        "ok" => AccessOutcome.Ok,
        "refused" => AccessOutcome.Refused,
        _ => throw new ArgumentOutOfRangeException(nameof(text), text, "not an access outcome"),
    };
}
