namespace Matching.Core.Errors;

/// <summary>
/// A broken file, configuration, schema or I/O problem that stops a command. Its message is one line an
/// operator can act on, naming the file (and row and column where there is one), with IDs and names masked.
/// Bad data in a row is no exception: it is a rejected row.
/// </summary>
public class MatchingException : Exception
{
    public MatchingException()
    {
    }

    public MatchingException(string message)
        : base(message)
    {
    }

    public MatchingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
