using System.Globalization;
using System.Runtime.InteropServices;
using Matching.Core.Population;

namespace Matching.Core.Tests.Population;

public sealed class HugePagesTests
{
    private const string Setting = "/sys/kernel/mm/transparent_hugepage/enabled";

    [Fact]
    public void Advise_ArrayWithoutAWholeHugePage_IsLeftAlone()
    {
        Assert.False(HugePages.Advise(new byte[HugePages.MinBytes - 1]));
        Assert.False(HugePages.Advise(Array.Empty<long>()));
    }

    [Fact]
    public void NewArray_Large_IsZeroedAndKeepsWhatIsWritten()
    {
        var array = HugePages.NewArray<long>(3 << 20);
        Assert.Equal(3 << 20, array.Length);
        Assert.All(array, value => Assert.Equal(0, value));
        for (var i = 0; i < array.Length; i += 511)
        {
            array[i] = i;
        }

        for (var i = 0; i < array.Length; i++)
        {
            Assert.Equal(i % 511 == 0 ? i : 0, array[i]);
        }
    }

    [Fact]
    public void Advise_LargeArrayWhereTheSystemAsksForAdvice_MakesItsMemoryEligibleForHugePages()
    {
        // The distributions' default ("[madvise]"): only memory a process advised gets huge pages; smaps says which.
        if (!OperatingSystem.IsLinux() || !File.Exists(Setting) || !File.ReadAllText(Setting).Contains("[madvise]", StringComparison.Ordinal))
        {
            return;
        }

        var array = new long[2 << 20]; // 16 MB: whole huge pages in its middle wherever it lands
        Assert.True(HugePages.Advise(array));
        var pinned = GCHandle.Alloc(array, GCHandleType.Pinned);
        try
        {
            var middle = (ulong)pinned.AddrOfPinnedObject() + (8UL << 20);
            Assert.Equal(1, EligibleForHugePages(middle));
        }
        finally
        {
            pinned.Free();
        }
    }

    /// <summary>The THPeligible field of the mapping of /proc/self/smaps that holds <paramref name="address"/>.</summary>
    private static int EligibleForHugePages(ulong address)
    {
        var inside = false;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            var dash = line.IndexOf('-', StringComparison.Ordinal);
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (dash > 0 && space > dash
                && ulong.TryParse(line.AsSpan(0, dash), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var start)
                && ulong.TryParse(line.AsSpan(dash + 1, space - dash - 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var end))
            {
                inside = start <= address && address < end;
            }
            else if (inside && line.StartsWith("THPeligible:", StringComparison.Ordinal))
            {
                return int.Parse(line.AsSpan("THPeligible:".Length).Trim(), CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException("no mapping holds the address");
    }
}
