using System.Runtime;
using Matching.Cli;

StartJitProfile(args);
return await CliApp.RunAsync(args, Console.Out, Console.Error, TimeProvider.System);

// Multicore JIT: each command records the methods it compiled (names only, in the user's local application data),
// and the next run of that command compiles them on the other core ahead of the main thread. With tiered compilation
// off (Matching.Cli.csproj) every method is compiled fully optimised before it first runs: `match` of 1M rows spent
// about 0.4 s of its 2 s compiling; 1.9 -> 1.6 s. A folder that cannot be written only means no profile.
static void StartJitProfile(string[] args)
{
    var command = args.Length > 0 && args[0].Length <= 32 && args[0].All(char.IsAsciiLetterLower) ? args[0] : "other";
    try
    {
        var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create);
        if (local.Length == 0)
        {
            return;
        }

        var folder = Path.Combine(local, "matching", "jit");
        Directory.CreateDirectory(folder);
        ProfileOptimization.SetProfileRoot(folder);
        ProfileOptimization.StartProfile(command + ".jitprofile");
    }
    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
    {
    }
}
