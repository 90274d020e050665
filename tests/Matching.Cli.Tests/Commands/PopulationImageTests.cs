using Matching.Cli.Tests.Processes;
using Matching.Samples;

namespace Matching.Cli.Tests.Commands;

/// <summary>
/// The persisted population index: written by <c>lowincome import</c>, read by <c>match</c>, rebuilt when missing,
/// stale or corrupt; the results are those of the database whichever way the index came.
/// </summary>
public sealed class PopulationImageTests
{
    [Fact]
    public async Task Match_ImageMissingCorruptOrStale_RebuiltAndResultsIdentical()
    {
        using var cli = new CliRun();
        var (lowIncome, labelled) = WriteSet(cli, households: 1_000);
        await SucceedAsync(cli, null, "init");
        await SucceedAsync(cli, null, "lowincome", "import", lowIncome, "--rejects", cli.PathOf("r.xlsx"));
        var image = Assert.Single(Directory.GetFiles(cli.Database + ".index"));
        await SucceedAsync(cli, null, "match", "death", labelled, "--out", cli.PathOf("reference.csv"), "--in-database");

        await SucceedAsync(cli, null, "match", "death", labelled, "--out", cli.PathOf("from-image.csv"));
        File.Delete(image);
        await SucceedAsync(cli, null, "match", "death", labelled, "--out", cli.PathOf("missing.csv"));
        var written = await File.ReadAllBytesAsync(image);
        var corrupt = (byte[])written.Clone();
        corrupt[corrupt.Length / 2] ^= 0x40;
        await File.WriteAllBytesAsync(image, corrupt);
        await SucceedAsync(cli, null, "match", "death", labelled, "--out", cli.PathOf("corrupt.csv"));

        var expected = await File.ReadAllBytesAsync(cli.PathOf("reference.csv"));
        foreach (var name in (string[])["from-image.csv", "missing.csv", "corrupt.csv"])
        {
            Assert.Equal(expected, await File.ReadAllBytesAsync(cli.PathOf(name)));
        }

        Assert.Equal(written, await File.ReadAllBytesAsync(image));
    }

    [Fact]
    public async Task Match_AfterANewSnapshot_UsesTheNewPopulationNotTheOldImage()
    {
        using var cli = new CliRun();
        var (lowIncome, labelled) = WriteSet(cli, households: 1_000);
        var (smaller, _) = WriteSet(cli, households: 700, folder: "smaller");
        await SucceedAsync(cli, null, "init");
        await SucceedAsync(cli, null, "lowincome", "import", lowIncome, "--rejects", cli.PathOf("r.xlsx"));
        await SucceedAsync(cli, null, "match", "death", labelled, "--out", cli.PathOf("before.csv"));
        var image = Assert.Single(Directory.GetFiles(cli.Database + ".index"));
        var old = await File.ReadAllBytesAsync(image);

        await SucceedAsync(cli, null, "lowincome", "import", smaller, "--rejects", cli.PathOf("r2.xlsx"), "--accept-shrink");
        await File.WriteAllBytesAsync(image, old); // as if the import could not write its image: the old one is stale
        await SucceedAsync(cli, null, "match", "death", labelled, "--out", cli.PathOf("after.csv"));
        await SucceedAsync(cli, null, "match", "death", labelled, "--out", cli.PathOf("reference.csv"), "--in-database");

        Assert.Equal(await File.ReadAllBytesAsync(cli.PathOf("reference.csv")), await File.ReadAllBytesAsync(cli.PathOf("after.csv")));
        Assert.NotEqual(await File.ReadAllBytesAsync(cli.PathOf("before.csv")), await File.ReadAllBytesAsync(cli.PathOf("after.csv")));
        Assert.NotEqual(old, await File.ReadAllBytesAsync(image));
    }

    [SkippableFact]
    public async Task Match_Postgres_ImageInTheConfiguredFolderAndResultsIdentical()
    {
        using var postgres = new ScratchPostgres();
        using var cli = new CliRun();
        var (lowIncome, labelled) = WriteSet(cli, households: 1_000);
        var config = cli.PathOf("images.json");
        await File.WriteAllTextAsync(config, """{ "run": { "populationImageFolder": "cache/population" } }""");
        await SucceedAsync(cli, postgres.ConnectionString, "init");
        await SucceedAsync(cli, postgres.ConnectionString, "lowincome", "import", lowIncome, "--rejects", cli.PathOf("r.xlsx"), "--config", config);

        Assert.Single(Directory.GetFiles(cli.PathOf(Path.Combine("cache", "population")), "population-*.bin"));
        await SucceedAsync(cli, postgres.ConnectionString, "match", "death", labelled, "--out", cli.PathOf("image.csv"), "--config", config);
        await SucceedAsync(cli, postgres.ConnectionString, "match", "death", labelled, "--out", cli.PathOf("reference.csv"), "--in-database");
        Assert.Equal(await File.ReadAllBytesAsync(cli.PathOf("reference.csv")), await File.ReadAllBytesAsync(cli.PathOf("image.csv")));
    }

    private static (string LowIncome, string Labelled) WriteSet(CliRun cli, int households, string folder = "set")
    {
        var set = cli.PathOf(folder);
        EvaluationSet.Write(set, new EvaluationOptions(Households: households, Rows: 2_000));
        return (Path.Combine(set, EvaluationSet.LowIncomeFileName), Path.Combine(set, EvaluationSet.LabelledFileName));
    }

    private static async Task<string> SucceedAsync(CliRun cli, string? database, params string[] args)
    {
        var (exit, output, error) = database is null
            ? await cli.RunAsync(args)
            : await CliProcess.RunAsync(cli.Folder, [.. args, "--db", database]);
        Assert.True(exit == 0, $"matching {string.Join(' ', args)}: exit {exit}: {error}");
        return output;
    }
}
