using System.Diagnostics;
using System.Globalization;

namespace Matching.Cli.Progress;

/// <summary>
/// Progress of a long command on stderr (stdout stays the command's result): on a terminal one line redrawn in place
/// twice a second (rows, rows/s, ETA where the total is known); when stderr is a file or a pipe, a plain line every
/// ten seconds, so that logs of a nightly job show it moving without flooding. Never an ID or a name.
/// </summary>
internal sealed class ProgressLine : IDisposable
{
    private readonly TextWriter _error;
    private readonly string _what;
    private readonly long? _total;
    private readonly bool _terminal;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly TimeSpan _every;
    private TimeSpan _last;
    private readonly long _from;
    private long _rows;
    private bool _drawn;

    /// <param name="error">Where progress goes: the command's stderr, or the worker's.</param>
    /// <param name="what">What is being done, as the operator reads it.</param>
    /// <param name="total">The rows to do, when known.</param>
    /// <param name="from">
    /// Rows already done when the line starts (a low-income import's members stored while its file was read): they
    /// count towards the total, not towards the rate.
    /// </param>
    public ProgressLine(TextWriter error, string what, long? total = null, long from = 0)
    {
        ArgumentNullException.ThrowIfNull(error);
        _error = error;
        _what = DisplayText.Escape(what);
        _total = total;
        _from = from;
        _rows = from;
        _terminal = IsTerminal(error);
        _every = _terminal ? TimeSpan.FromMilliseconds(500) : TimeSpan.FromSeconds(10);
    }

    /// <summary>The rows done so far; cheap to call often (it draws only when due).</summary>
    public void Report(long rows)
    {
        _rows = rows;
        var now = _clock.Elapsed;
        if (now - _last < _every)
        {
            return;
        }

        _last = now;
        var line = Text(now);
        if (_terminal)
        {
            _error.Write("\r" + line.PadRight(Width));
            _drawn = true;
        }
        else
        {
            _error.WriteLine(line);
        }
    }

    /// <summary>Whether the command's stderr is the console's, and a terminal (not a file or a pipe).</summary>
    internal static bool IsTerminal(TextWriter error) => ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;

    /// <summary>The line's width: the terminal's, at most 100; 79 where the terminal does not say.</summary>
    internal static int Width
    {
        get
        {
            try
            {
                var width = Console.BufferWidth;
                return width > 20 ? Math.Min(width - 1, 100) : 79;
            }
            catch (IOException)
            {
                return 79;
            }
        }
    }

    private string Text(TimeSpan elapsed)
    {
        var rate = elapsed.TotalSeconds > 0 ? (_rows - _from) / elapsed.TotalSeconds : 0;
        var text = Localization.Text.Format("ProgressRows", _what, N0(_rows), N0(rate));
        if (_total is > 0 && rate > 0)
        {
            var left = TimeSpan.FromSeconds(Math.Max(0, _total.Value - _rows) / rate);
            text += Localization.Text.Format("ProgressOfTotal", (100.0 * _rows / _total.Value).ToString("0", CultureInfo.InvariantCulture), N0(_total.Value),
                left.ToString(@"mm\:ss", CultureInfo.InvariantCulture));
        }

        return text;
    }

    /// <summary>A count with thousands separators, as both languages write it.</summary>
    internal static string N0(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public void Dispose()
    {
        if (_drawn)
        {
            // Clear the redrawn line so the command's own output starts on a clean line (once: a phase may end it early).
            _error.Write("\r" + new string(' ', Width) + "\r");
            _drawn = false;
        }
    }
}
