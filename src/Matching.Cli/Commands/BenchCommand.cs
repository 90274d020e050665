using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Matching.Cli.Bench;
using Matching.Cli.Localization;
using Matching.Cli.Linkage;
using Matching.Core.Rules;
using Matching.Export.Workbooks;
using Matching.Ingest;
using Matching.Samples;
using Matching.Storage;

namespace Matching.Cli.Commands;

/// <summary>
/// <c>matching bench</c>: generates a large population and extract (default 1,000,000 each: ~30% present, ~2%
/// damaged), loads the population into a fresh SQLite file, and runs the match end to end, printing wall time per
/// phase, rows per second and each phase's peak memory; with <c>--pipeline</c>, the whole pipeline instead, each
/// command in a process of its own (<see cref="PipelineBench"/>). A benchmark to run by hand, not a test.
/// </summary>
internal static class BenchCommand
{
    public static Command Create(CommandGuard guard)
    {
        var dir = new Option<string>("--dir") { Description = Text.Get("HelpBench_dir"), DefaultValueFactory = _ => "bench" };
        var persons = new Option<int>("--persons") { Description = Text.Get("HelpBench_persons"), DefaultValueFactory = _ => 1_000_000 };
        var rows = new Option<int>("--rows") { Description = Text.Get("HelpBench_rows"), DefaultValueFactory = _ => 1_000_000 };
        var regenerate = new Option<bool>("--regenerate") { Description = Text.Get("HelpBench_regenerate") };
        var skipImport = new Option<bool>("--skip-import") { Description = Text.Get("HelpBench_skipImport") };
        var warnings = new Option<int>("--warnings") { Description = Text.Get("HelpBench_warnings"), DefaultValueFactory = _ => 100_000 };
        var server = new Option<string?>("--server") { Description = Text.Get("HelpBench_server") };
        var pipeline = new Option<bool>("--pipeline")
        {
            Description = Text.Get("HelpBench_pipeline"),
        };
        var bills = new Option<int>("--bills") { Description = Text.Get("HelpBench_bills"), DefaultValueFactory = _ => 5_000_000 };
        var months = new Option<int>("--months") { Description = Text.Get("HelpBench_months"), DefaultValueFactory = _ => 12 };
        var command = new Command("bench", Text.Get("HelpBench_command"));
        command.Options.Add(dir);
        command.Options.Add(persons);
        command.Options.Add(rows);
        command.Options.Add(regenerate);
        command.Options.Add(skipImport);
        command.Options.Add(warnings);
        command.Options.Add(server);
        command.Options.Add(pipeline);
        command.Options.Add(bills);
        command.Options.Add(months);
        command.SetAction((parse, ct) => guard(parse, (c, t) => RunAsync(c, new BenchSettings(
            parse.GetValue(dir)!, parse.GetValue(persons), parse.GetValue(rows), parse.GetValue(regenerate), parse.GetValue(skipImport), parse.GetValue(warnings),
            parse.GetValue(server), parse.GetValue(pipeline), parse.GetValue(bills), parse.GetValue(months)), t), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, BenchSettings settings, CancellationToken cancellationToken)
    {
        var write = context.Out;
        Directory.CreateDirectory(settings.Dir);
        var population = Path.Combine(settings.Dir, "lowincome.csv");
        var extract = Path.Combine(settings.Dir, "extract.csv");
        var database = Path.Combine(settings.Dir, "bench.db");
        var results = Path.Combine(settings.Dir, "result.csv");
        await write.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"matching bench: {settings.Persons:N0} persons, {settings.Rows:N0} extract rows, {Environment.ProcessorCount} cores, in {DisplayText.Escape(Path.GetFullPath(settings.Dir))}"));
        await write.WriteLineAsync($"{"phase",-28} {"seconds",8} {"rows/s",12} {"peak MB",8} {"B/row",7}");

        if (settings.Regenerate || !File.Exists(population) || !File.Exists(extract))
        {
            await PhaseAsync(write, "generate files", settings.Persons + settings.Rows, () =>
            {
                BenchmarkData.Write(settings.Dir, new BenchmarkOptions { Persons = settings.Persons, Rows = settings.Rows });
                return Task.CompletedTask;
            });
        }

        if (settings.Pipeline)
        {
            await PipelineBench.RunAsync(context, settings.Dir, new BenchmarkOptions { Persons = settings.Persons, Rows = settings.Rows }, settings.Bills, settings.Months,
                settings.Regenerate, cancellationToken);
            return CliApp.Ok;
        }

        var bench = new CliContext(TextWriter.Null, context.Error, context.Time,
            settings.Server is null ? StorageOptions.Resolve(database, "sqlite") : StorageOptions.Resolve(settings.Server, null), context.HeaderMapDirectory, context.Settings);
        await write.WriteLineAsync($"database: {bench.Storage.Provider}");
        if (!settings.SkipImport)
        {
            foreach (var suffix in settings.Server is null ? new[] { "", "-wal", "-shm" } : [])
            {
                File.Delete(database + suffix);
            }

            await InitCommand.RunAsync(bench, cancellationToken);
            await PhaseAsync(write, "lowincome import", settings.Persons,
                () => LowIncomeCommand.ImportAsync(bench, population, Path.Combine(settings.Dir, "rejects.xlsx"), acceptShrink: true, cancellationToken));
        }

        await using var store = await bench.OpenStoreAsync(cancellationToken);
        Core.Population.PopulationIndex? index = null;
        await PhaseAsync(write, "index build (from database)", settings.Persons, async () => index = await store.Population.LoadIndexAsync(cancellationToken));

        MatchSummary? summary = null;
        await PhaseAsync(write, "stream, match, write results", settings.Rows, () =>
        {
            using var table = SourceTable.Open(extract, bench.HeaderMaps.Get("education"), bench.Limits);
            summary = MatchFileRunner.Run(table, index!, results);
            return Task.CompletedTask;
        });

        // The same file matched without loading the population: what a population above run:inMemoryLimit gets.
        Core.Population.PopulationNeeds? needs = null;
        await PhaseAsync(write, "in database: read file once", settings.Rows, () =>
        {
            using var table = SourceTable.Open(extract, bench.HeaderMaps.Get("education"), bench.Limits);
            needs = MatchFileRunner.Gather(table);
            return Task.CompletedTask;
        });
        Core.Population.PopulationIndex? subset = null;
        await PhaseAsync(write, "in database: set-based join", settings.Rows, async () => subset = await store.Population.LoadSubsetAsync(needs!, cancellationToken));
        await PhaseAsync(write, "in database: match, write", settings.Rows, () =>
        {
            using var table = SourceTable.Open(extract, bench.HeaderMaps.Get("education"), bench.Limits);
            var again = MatchFileRunner.Run(table, subset!, Path.Combine(settings.Dir, "result-in-database.csv"));
            return again.Matched == summary!.Matched && again.Rejected == summary.Rejected
                ? Task.CompletedTask
                : throw new InvalidOperationException($"the in-database match differs: {again.Matched} matched against {summary.Matched}");
        });
        await write.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"in database: {needs}; {subset!.Count:N0} persons fetched of {index!.Count:N0}"));

        var warnings = Math.Min(settings.Warnings, index!.Count);
        if (warnings > 0)
        {
            var workbook = Path.Combine(settings.Dir, "warnings.xlsx");
            await PhaseAsync(write, "warning workbook (.xlsx)", warnings, () =>
                WarningWorkbook.WriteAsync(workbook, new SyntheticWarnings(index, warnings), mask: false, cancellationToken));
        }

        await write.WriteLineAsync();
        await write.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"matched {summary!.Matched:N0} ({summary.MethodsText()}), unmatched {summary.Unmatched:N0}, rejected {summary.Rejected:N0}"));
        await write.WriteLineAsync("peak MB: the process's resident peak (VmHWM; reset per phase where the kernel allows it). B/row: bytes allocated per row.");
        return CliApp.Ok;
    }

    private static async Task PhaseAsync(TextWriter write, string name, long rows, Func<Task> phase)
    {
        GC.Collect();
        PeakMemory.Reset();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        await phase();
        watch.Stop();
        var perRow = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)rows;
        var seconds = watch.Elapsed.TotalSeconds;
        await write.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{name,-28} {seconds,8:0.000} {rows / seconds,12:N0} {PeakMemory.Bytes() / (1024.0 * 1024),8:0} {perRow,7:0}"));
    }

    private sealed record BenchSettings(
        string Dir, int Persons, int Rows, bool Regenerate, bool SkipImport, int Warnings, string? Server, bool Pipeline, int Bills, int Months);

    /// <summary>
    /// Warnings about the first persons of the index, made as the workbook asks for them: the workbook writer streams,
    /// so a list of 100,000 built up front would measure the list, not the writer.
    /// </summary>
    private sealed class SyntheticWarnings(Core.Population.PopulationIndex index, int count) : IReadOnlyList<StoredWarning>
    {
        public int Count => count;

        public StoredWarning this[int i] => new()
        {
            WarningId = i + 1,
            Code = "EDU_AID_GAP",
            Receiver = "education",
            Label = "教育救助政策落实不到位",
            Measure = "核实学生家庭情况，按规定落实教育救助（资助）政策",
            IdText = index.Id(i).Value,
            Name = index.Name(i).ToString(),
            HouseholdId = index.HouseholdId(i),
            Subdistrict = (i % 16) < 5 ? "沁园街道" : "克井镇",
            Village = "村",
            Categories = "低保",
            Department = "education",
            Method = "exact",
            Detail = "低保人员，见于教育体育 在校学生，未享受教育救助",
            SourceRow = i + 2,
            Status = WarningStatus.New,
            FirstDate = "2026-11-28",
        };

        public IEnumerator<StoredWarning> GetEnumerator()
        {
            for (var i = 0; i < count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
