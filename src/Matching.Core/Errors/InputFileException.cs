using System.Globalization;

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

    private static string Compose(string file, string problem, long? row, string? column)
    {
        var where = file;
        if (row is not null)
        {
            where += string.Create(CultureInfo.InvariantCulture, $", row {row}");
        }

        if (column is not null)
        {
            where += $", column {column}";
        }

        return $"{where}: {problem}";
    }
}
