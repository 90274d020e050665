using Matching.Core.Localization;

namespace Matching.Core.Errors;

/// <summary>An input file that cannot be read as asked: missing, unsupported, corrupt, or without a needed column.</summary>
public sealed class InputFileException : MatchingException
{
    public InputFileException(string file, string problem, long? row = null, string? column = null, Exception? inner = null)
        : base(Compose(file, problem, row, column), inner ?? new InvalidDataException(problem))
    {
        File = file;
        Row = row;
        Column = column;
    }

    public InputFileException()
    {
        File = string.Empty;
    }

    public InputFileException(string message)
        : base(message)
    {
        File = string.Empty;
    }

    public InputFileException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = string.Empty;
    }

    public string File { get; }

    public long? Row { get; }

    public string? Column { get; }

    /// <summary>The file, and the row and column where there is one, before the problem: in the current language.</summary>
    private static string Compose(string file, string problem, long? row, string? column) => (row, column) switch
    {
        (null, null) => Text.Format("InputAtFile", file, problem),
        (null, _) => Text.Format("InputAtColumn", file, column, problem),
        (_, null) => Text.Format("InputAtRow", file, row, problem),
        _ => Text.Format("InputAtRowColumn", file, row, column, problem),
    };
}
