using Matching.Cli.Imports;
using Matching.Core.Errors;
using Microsoft.Extensions.Logging;

namespace Matching.Cli.Worker;

/// <summary>
/// Takes a department's stable dropped files, one import (one transaction) each, oldest first: imported or already
/// imported → archive; refused (bad file, limits) → rejected, with the reason beside it. Nothing is deleted.
/// </summary>
internal sealed class Intake(CliContext context, DropFolder folder, ILogger<Intake> log) : IDisposable
{
    // The nightly job and a department's own import job may fire together: one intake at a time, so a file is
    // never listed by both and imported twice.
    private readonly SemaphoreSlim _one = new(1, 1);

    public void Dispose() => _one.Dispose();

    /// <summary>Imports every stable file of every department; returns how many files were taken.</summary>
    public async Task<int> ImportAllAsync(CancellationToken cancellationToken)
    {
        var taken = 0;
        foreach (var department in context.HeaderMaps.Departments)
        {
            taken += await ImportAsync(department, cancellationToken);
        }

        return taken;
    }

    public async Task<int> ImportAsync(string department, CancellationToken cancellationToken)
    {
        await _one.WaitAsync(cancellationToken);
        try
        {
            return await ImportFilesAsync(department, cancellationToken);
        }
        finally
        {
            _one.Release();
        }
    }

    private async Task<int> ImportFilesAsync(string department, CancellationToken cancellationToken)
    {
        var files = folder.StableFiles(department);
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = file.Name;
            DepartmentImportOutcome outcome;
            try
            {
                outcome = await new DepartmentImport(context).ImportAsync(department, file.Path, acceptShrink: false, cancellationToken);
            }
            catch (Exception ex) when (ex is InputFileException or ImportRefusedException)
            {
                log.FileRefused(department, DisplayText.Escape(name), DisplayText.Escape(folder.Reject(file, ex.Message)), DisplayText.Escape(ex.Message));
                continue;
            }

            var archived = folder.Archive(file);
            if (outcome.Earlier is null)
            {
                log.FileImported(department, DisplayText.Escape(name), outcome.BatchId, outcome.Accepted, outcome.Rejected, DisplayText.Escape(archived));
                foreach (var gap in outcome.Gaps)
                {
                    log.ImportRuleGap(department, DisplayText.Escape(name), outcome.BatchId, DisplayText.Escape(gap.Describe()));
                }
            }
            else
            {
                log.FileAlreadyImported(department, DisplayText.Escape(name), outcome.BatchId, DisplayText.Escape(archived));
            }
        }

        return files.Count;
    }
}
