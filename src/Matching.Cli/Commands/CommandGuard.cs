using System.CommandLine;

namespace Matching.Cli.Commands;

/// <summary>Runs a command's body with its context, turning failures into one stderr line and an exit code.</summary>
internal delegate Task<int> CommandGuard(ParseResult parse, Func<CliContext, CancellationToken, Task<int>> run, CancellationToken cancellationToken);
