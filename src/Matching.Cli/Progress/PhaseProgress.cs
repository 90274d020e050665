using System.Diagnostics;
using System.Globalization;

namespace Matching.Cli.Progress;

/// <summary>
/// Progress of a phase that counts no rows the program can see (the database storing a batch in one transaction,
/// loading the population, committing a run's warnings), in <see cref="ProgressLine"/>'s style on stderr: on a
/// terminal one line redrawn in place twice a second with the seconds spent; when stderr is a file or a pipe, a plain
/// line every ten seconds, so a short phase prints nothing and a nightly log shows a long one moving.
/// </summary>
internal sealed class PhaseProgress : IDisposable
{
    private readonly TextWriter _error;
    private readonly string _what;
    private readonly bool _terminal;
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly ITimer _timer;
    private readonly Lock _gate = new();
    private bool _drawn;
    private bool _done;

    /// <param name="error">Where progress goes: the command's stderr, or the worker's.</param>
    /// <param name="time">The clock that times the phase.</param>
    /// <param name="what">What is being done, as the operator reads it.</param>
    public PhaseProgress(TextWriter error, TimeProvider time, string what)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(time);
        _error = error;
        _what = DisplayText.Escape(what);
        _terminal = ProgressLine.IsTerminal(error);
        _time = time;
        _started = _time.GetTimestamp();
        var every = _terminal ? TimeSpan.FromMilliseconds(500) : TimeSpan.FromSeconds(10);
        _timer = _time.CreateTimer(_ => Draw(), null, every, every);
    }

    private void Draw()
    {
        lock (_gate)
        {
            if (_done)
            {
                return;
            }

            var line = Localization.Text.Format("ProgressSeconds", _what, _time.GetElapsedTime(_started).TotalSeconds.ToString("0", CultureInfo.InvariantCulture));
            if (_terminal)
            {
                _error.Write("\r" + line.PadRight(ProgressLine.Width));
                _drawn = true;
            }
            else
            {
                _error.WriteLine(line);
            }
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        lock (_gate)
        {
            _done = true;
            if (_drawn)
            {
                _error.Write("\r" + new string(' ', ProgressLine.Width) + "\r");
            }
        }
    }
}
