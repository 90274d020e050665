using Matching.Cli.Imports;
using Matching.Core.Errors;
using Matching.Core.Localization;
using Microsoft.Extensions.Logging;

namespace Matching.Cli.Worker;

/// <summary>
/// Takes a department's stable dropped files, one import (one transaction) each, oldest first: imported or already
/// imported → archive; refused (bad file, limits) → rejected, with the reason beside it. Nothing is deleted. A file's
/// reject report (rows not imported, IDs to check) goes where the department collects its warning workbooks,
/// <c>&lt;outbox&gt;/&lt;receiver&gt;/&lt;date&gt;/</c>, and the log names it.
/// </summary>
internal sealed class Intake(DepartmentImport import, BureauConfig config, TimeProvider time, DropFolder folder, ILogger<Intake> log, WorkerSettings? settings = null) : IDisposable
{

    // The nightly job and a department's own import job may fire together: one intake at a time, so a file is
    // never listed by both and imported twice.
    private readonly SemaphoreSlim _one = new(1, 1);
    private readonly StrayFiles? _strays = settings is null ? null : new StrayFiles(settings.Folders.Drop);

    public void Dispose() => _one.Dispose();

    /// <summary>
    /// Imports every stable file of every department; returns how many files were taken. A file in no department's
    /// folder is logged, once, and left alone.
    /// </summary>
    /// <param name="cancellationToken">Cancels the intake between files.</param>
    /// <param name="tally">Adds up the files, rows and reject reports, if given.</param>
    public async Task<int> ImportAllAsync(CancellationToken cancellationToken, IntakeTally? tally = null)
    {
        var taken = 0;
        var departments = config.HeaderMaps.Departments.ToList();
        if (_strays is not null)
        {
            foreach (var stray in _strays.New(departments))
            {
                log.StrayFile(DisplayText.Escape(stray), TextList.Join(departments));
            }
        }

        foreach (var department in departments)
        {
            taken += await ImportAsync(department, cancellationToken, tally);
        }

        return taken;
    }

    public async Task<int> ImportAsync(string department, CancellationToken cancellationToken, IntakeTally? tally = null)
    {
        await _one.WaitAsync(cancellationToken);
        try
        {
            return await ImportFilesAsync(department, tally ?? new IntakeTally(), cancellationToken);
        }
        finally
        {
            _one.Release();
        }
    }

    private async Task<int> ImportFilesAsync(string department, IntakeTally tally, CancellationToken cancellationToken)
    {
        var files = folder.StableFiles(department);
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = file.Name;
            DepartmentImportOutcome outcome;
            try
            {
                outcome = await import.ImportAsync(department, file.Path, acceptShrink: false, cancellationToken, OutboxOf(department));
            }
            catch (Exception ex) when (ex is InputFileException or ImportRefusedException)
            {
                tally.Files++;
                tally.Refused++;
                log.FileRefused(department, DisplayText.Escape(name), DisplayText.Escape(folder.Reject(file, ex.Message)), DisplayText.Escape(ex.Message));
                continue;
            }

            var archived = folder.Archive(file);
            tally.Files++;
            if (outcome.Earlier is null)
            {
                tally.Imported++;
                tally.RowsRead += outcome.RowsRead;
                tally.Accepted += outcome.Accepted;
                tally.Rejected += outcome.Rejected;
                log.FileImported(department, DisplayText.Escape(name), outcome.BatchId, outcome.Accepted, outcome.Rejected, DisplayText.Escape(archived));
                foreach (var gap in outcome.Gaps)
                {
                    log.ImportRuleGap(department, DisplayText.Escape(name), outcome.BatchId, DisplayText.Escape(gap.Describe()));
                }

                if (outcome.Report is { } report)
                {
                    tally.Reports.Add(report);
                    log.RejectReportWritten(department, DisplayText.Escape(name), outcome.Rejected, outcome.IdProblems, DisplayText.Escape(report));
                }
            }
            else
            {
                tally.Identical++;
                log.FileAlreadyImported(department, DisplayText.Escape(name), outcome.BatchId, DisplayText.Escape(archived));
            }
        }

        return files.Count;
    }

    /// <summary>The department's outbox for today: where its warning workbook and its reject reports go.</summary>
    private string? OutboxOf(string department)
    {
        if (settings is null)
        {
            return null;
        }

        var receiver = config.HeaderMaps.Get(department).Receiver;
        var date = BureauClock.Today(time).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return Path.Combine(settings.Outbox, receiver.Length > 0 ? receiver : department, date);
    }
}
