using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Matching.Core.Population;

/// <summary>
/// Asks Linux to back a large array with 2 MB pages (transparent huge pages) before the array is first written. With
/// the distributions' default setting (<c>/sys/kernel/mm/transparent_hugepage/enabled</c> = <c>madvise</c>) a
/// process's memory gets 4 KB pages unless it asks, and each page costs a fault when first touched: 12,000 faults for
/// a persisted index of a million persons, and on a virtual machine a fault costs several microseconds (about 10 µs
/// on the bench machine: a tenth of a second of a <c>match</c>). One fault per 2 MB instead.
/// </summary>
/// <remarks>
/// Advice only: on another system, with huge pages off, or when the call fails, nothing changes but the speed. Only
/// the whole 2 MB pages inside the array are advised, so no memory outside it changes; an array filled only in part
/// (a builder's room to grow) takes at most one 2 MB page more than the 4 KB pages it touches. It helps only memory
/// not yet written: a large array the garbage collector takes fresh from the system, which the caller then fills (a
/// file read into it, a table built in it); memory it reuses keeps the pages it has.
/// </remarks>
public static class HugePages
{
    /// <summary>Below this an array is left alone: no whole huge page fits in it.</summary>
    public const int MinBytes = 2 << 20;

    private const long PageBytes = 2 << 20;
    private const int MadvHugePage = 14;

    /// <summary>A new array of <paramref name="length"/> elements, zeroed, advised for huge pages when it is large.</summary>
    public static T[] NewArray<T>(int length)
        where T : unmanaged
    {
        var array = new T[length];
        Advise(array);
        return array;
    }

    /// <summary>
    /// Advises the whole 2 MB pages of <paramref name="array"/> for huge pages (Linux; an array of
    /// <see cref="MinBytes"/> or more); whether the system took the advice.
    /// </summary>
    public static bool Advise<T>(T[] array)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(array);
        var bytes = (long)array.Length * Unsafe.SizeOf<T>();
        if (!OperatingSystem.IsLinux() || bytes < MinBytes)
        {
            return false;
        }

        var pinned = GCHandle.Alloc(array, GCHandleType.Pinned);
        try
        {
            var start = (long)pinned.AddrOfPinnedObject();
            var from = (start + PageBytes - 1) & ~(PageBytes - 1);
            var to = (start + bytes) & ~(PageBytes - 1);
            return to > from && Madvise((nint)from, (nuint)(to - from), MadvHugePage) == 0;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
        finally
        {
            pinned.Free();
        }
    }

    [DllImport("libc", EntryPoint = "madvise")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Madvise(nint address, nuint length, int advice);
}
