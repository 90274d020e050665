namespace Matching.Core.Errors;

/// <summary>
/// A file refused as a whole for what it would do rather than for how it is written: a snapshot much shorter than
/// the current one (a wrong filter, one town only, a cut-off export). The message names both counts and how to take
/// the file anyway; nothing is stored but the refusal itself.
/// </summary>
public sealed class ImportRefusedException : MatchingException
{
    public ImportRefusedException(string message)
        : base(message)
    {
    }

    public ImportRefusedException()
    {
    }

    public ImportRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
