using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Matching.Core.Identity;
using Matching.Core.Population;
using Matching.Core.Rules;
using Microsoft.Win32.SafeHandles;

namespace Matching.Storage;

/// <summary>
/// A <see cref="RulePopulation"/> (what a run judges by: every active member's key, name, household, relation, support
/// mode, categories and flags, and every active household) persisted as one file, so that a run reads it in one
/// sequential read instead of a million members and their households from the database (1M persons: about 2 s from
/// SQLite). Like <see cref="PopulationImage"/> it holds IDs and names: owner-only, stamped with the snapshot, checked
/// with a checksum, and a cache (a missing, stale or unsound one is rebuilt from the database). Layout, little-endian:
/// <code>
/// "MATCHRUL" · format version (int32) · header length (int32: where the payload starts)
/// batch id (int64) · schema version (int32) · persons · households · texts · name chars · text chars (each int32)
/// · the build that wrote it (int64: a hash of the code's module version ids; another build's image is stale)
/// sha256 and imported_at of the batch (each: byte length int16, UTF-8)
/// checksum (XxHash3, int64) of every byte before it and of the payload
/// payload: keys (persons × int64) · name offsets ((persons + 1) × int32) · names (UTF-16)
///          · text offsets ((texts + 1) × int32) · texts (UTF-16): every distinct household id, relation, support mode,
///            town and village once
///          · per person, texts' numbers (int32 each): household id, relation, support mode · categories (byte) · flags (byte)
///          · per household, texts' numbers (int32 each): id, town, village · income (decimal's four int32) · income
///            known, housing difficulty, aid (byte each)
/// </code>
/// </summary>
public static class RulePopulationImage
{
    /// <summary>Bumped whenever the layout changes: an image of another version is never read.</summary>
    public const int FormatVersion = 1;

    private const int FixedHeader = 56;

    private static ReadOnlySpan<byte> Magic => "MATCHRUL"u8;

    /// <summary>
    /// Writes the image whole to a temporary file beside <paramref name="path"/>, then renames it over: a reader sees the
    /// old image or the new one, never half of one.
    /// </summary>
    public static void Write(string path, RulePopulation population, PopulationStamp stamp)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(population);
        ArgumentNullException.ThrowIfNull(stamp);
        if (!BitConverter.IsLittleEndian)
        {
            return; // the payload is the arrays' memory as is: only little-endian machines write (and read) it
        }

        var columns = population.Columns();
        var persons = columns.Keys.Length;
        var households = columns.Households;
        var texts = new TextTable();
        var personTexts = new int[persons * 3];
        for (var i = 0; i < persons; i++)
        {
            personTexts[i * 3] = texts.Of(columns.HouseholdIds[i]);
            personTexts[(i * 3) + 1] = texts.Of(columns.Relations[i]);
            personTexts[(i * 3) + 2] = texts.Of(columns.TekunSupport[i]);
        }

        var householdTexts = new int[households.Length * 3];
        var incomes = new int[households.Length * 4];
        var householdBytes = new byte[households.Length * 3];
        for (var h = 0; h < households.Length; h++)
        {
            var household = households[h];
            householdTexts[h * 3] = texts.Of(household.HouseholdId);
            householdTexts[(h * 3) + 1] = texts.Of(household.Subdistrict);
            householdTexts[(h * 3) + 2] = texts.Of(household.Village);
            if (household.AnnualIncome is { } income)
            {
                decimal.GetBits(income, incomes.AsSpan(h * 4, 4));
            }

            householdBytes[h * 3] = household.AnnualIncome.HasValue ? (byte)1 : (byte)0;
            householdBytes[(h * 3) + 1] = household.HousingDifficulty ? (byte)1 : (byte)0;
            householdBytes[(h * 3) + 2] = (byte)household.Aid;
        }

        var (textStarts, textChars) = texts.Packed();
        var names = columns.Names;

        // The payload as the arrays' own bytes, taken once for the checksum and once for the file: no copies.
        void Payload(Action<ReadOnlySpan<byte>> part)
        {
            part(MemoryMarshal.AsBytes(columns.Keys.AsSpan()));
            part(MemoryMarshal.AsBytes(names.Starts.AsSpan()));
            part(MemoryMarshal.AsBytes(names.Chars.AsSpan(0, names.Length)));
            part(MemoryMarshal.AsBytes(textStarts.AsSpan()));
            part(MemoryMarshal.AsBytes(textChars.AsSpan()));
            part(MemoryMarshal.AsBytes(personTexts.AsSpan()));
            part(MemoryMarshal.AsBytes(columns.Categories.AsSpan()));
            part(columns.Flags);
            part(MemoryMarshal.AsBytes(householdTexts.AsSpan()));
            part(MemoryMarshal.AsBytes(incomes.AsSpan()));
            part(householdBytes);
        }

        var header = Header(stamp, persons, households.Length, textStarts.Length - 1, names.Length, textChars.Length);
        var hash = new XxHash3();
        hash.Append(header.AsSpan(0, header.Length - ImageFile.ChecksumBytes));
        Payload(hash.Append);
        ImageFile.Seal(header, hash.GetCurrentHashAsUInt64());
        ImageFile.Write(path, file =>
        {
            file.Write(header);
            Payload(file.Write);
        });
    }

    /// <summary>
    /// Reads the image at <paramref name="path"/> when it is sound, of <paramref name="stamp"/>'s snapshot and written by
    /// this build (<see cref="PopulationImageState.Valid"/>); <paramref name="population"/> is null otherwise.
    /// </summary>
    public static PopulationImageState TryRead(string path, PopulationStamp stamp, out RulePopulation? population)
    {
        ArgumentNullException.ThrowIfNull(stamp);
        return ImageFile.TryRead(path, handle => (Read(handle, stamp, out var read), read), out population);
    }

    private static PopulationImageState Read(SafeFileHandle handle, PopulationStamp stamp, out RulePopulation? population)
    {
        population = null;
        Span<byte> fixedPart = stackalloc byte[FixedHeader];
        if (!ImageFile.ReadFixedPart(handle, fixedPart, Magic, FormatVersion, out var length))
        {
            return PopulationImageState.Invalid;
        }

        var headerLength = BinaryPrimitives.ReadInt32LittleEndian(fixedPart[12..]);
        var persons = BinaryPrimitives.ReadInt32LittleEndian(fixedPart[28..]);
        var households = BinaryPrimitives.ReadInt32LittleEndian(fixedPart[32..]);
        var texts = BinaryPrimitives.ReadInt32LittleEndian(fixedPart[36..]);
        var nameChars = BinaryPrimitives.ReadInt32LittleEndian(fixedPart[40..]);
        var textChars = BinaryPrimitives.ReadInt32LittleEndian(fixedPart[44..]);
        var code = BinaryPrimitives.ReadUInt64LittleEndian(fixedPart[48..]);
        if (persons < 0 || households < 0 || texts < 0 || nameChars < 0 || textChars < 0
            || length != headerLength + (persons * 8L) + ((persons + 1L) * 4) + (nameChars * 2L) + ((texts + 1L) * 4) + (textChars * 2L)
                + (persons * 14L) + (households * 31L)
            || ImageFile.ReadHeader(handle, fixedPart, out var sha, out var importedAt) is not { } header)
        {
            return PopulationImageState.Invalid;
        }

        // Another build may order or compute the columns otherwise (codes parsed, incomes rounded, households ranked):
        // its image is as stale as another snapshot's.
        if (code != CodeIdentity || !ImageFile.IsOf(header, sha, importedAt, stamp))
        {
            return PopulationImageState.Stale;
        }

        // Each column read straight into its array, the checksum taken as it comes.
        var hash = new XxHash3();
        hash.Append(header.AsSpan(0, headerLength - ImageFile.ChecksumBytes));
        long at = headerLength;
        T[] Next<T>(int count)
            where T : unmanaged
        {
            var values = HugePages.NewArray<T>(count);
            var bytes = MemoryMarshal.AsBytes(values.AsSpan());
            if (!ImageFile.ReadExactly(handle, bytes, at))
            {
                throw new EndOfStreamException("the image ended early"); // shortened while read: as if missing
            }

            hash.Append(bytes);
            at += bytes.Length;
            return values;
        }

        var keys = Next<long>(persons);
        var nameStarts = Next<int>(persons + 1);
        var nameText = Next<char>(nameChars);
        var textStarts = Next<int>(texts + 1);
        var allText = Next<char>(textChars);
        var personTexts = Next<int>(persons * 3);
        var categories = Next<AidCategory>(persons);
        var flags = Next<byte>(persons);
        var householdTexts = Next<int>(households * 3);
        var incomes = Next<int>(households * 4);
        var householdBytes = Next<byte>(households * 3);
        if (hash.GetCurrentHashAsUInt64() != ImageFile.Checksum(header))
        {
            return PopulationImageState.Invalid;
        }

        // What the columns mean, checked as the database's rows would be: a valid checksum says the file is as written,
        // not that this program wrote it.
        var allCategories = Enum.GetValues<AidCategory>().Aggregate(AidCategory.None, (all, category) => all | category);
        for (var i = 0; i < persons; i++)
        {
            if (!IdNumber.TryFromKey(keys[i], out _) || (categories[i] & ~allCategories) != 0 || flags[i] > 3)
            {
                return PopulationImageState.Invalid;
            }
        }

        var table = new string[texts];
        for (var t = 0; t < texts; t++)
        {
            table[t] = new string(allText.AsSpan(textStarts[t], textStarts[t + 1] - textStarts[t]));
        }

        var (householdIds, relations, support) = (new string[persons], new string[persons], new string[persons]);
        for (var i = 0; i < persons; i++)
        {
            householdIds[i] = table[personTexts[i * 3]];
            relations[i] = table[personTexts[(i * 3) + 1]];
            support[i] = table[personTexts[(i * 3) + 2]];
        }

        var allAid = Enum.GetValues<AidType>().Aggregate(AidType.None, (all, aid) => all | aid);
        var read = new Household[households];
        for (var h = 0; h < households; h++)
        {
            var aid = (AidType)householdBytes[(h * 3) + 2];
            if ((aid & ~allAid) != 0)
            {
                return PopulationImageState.Invalid;
            }

            read[h] = new Household
            {
                HouseholdId = table[householdTexts[h * 3]],
                Subdistrict = table[householdTexts[(h * 3) + 1]],
                Village = table[householdTexts[(h * 3) + 2]],
                AnnualIncome = householdBytes[h * 3] != 0 ? new decimal(incomes.AsSpan(h * 4, 4)) : null,
                HousingDifficulty = householdBytes[(h * 3) + 1] != 0,
                Aid = aid,
            };
        }

        population = RulePopulation.FromColumns(new RulePopulationColumns(
            keys, new PackedNames(nameText, nameStarts), householdIds, relations, support, categories, flags, read));
        return PopulationImageState.Valid;
    }

    /// <summary>
    /// This build of the code that computes and orders the columns (Matching.Core and Matching.Storage: each module's
    /// version id, which a deterministic build changes exactly when the code does).
    /// </summary>
    private static readonly ulong CodeIdentity = XxHash3.HashToUInt64(
        [.. typeof(RulePopulation).Module.ModuleVersionId.ToByteArray(), .. typeof(RulePopulationImage).Module.ModuleVersionId.ToByteArray()]);

    private static byte[] Header(PopulationStamp stamp, int persons, int households, int texts, int nameChars, int textChars)
    {
        var header = ImageFile.Header(Magic, FormatVersion, FixedHeader, stamp);
        var at = ImageFile.OwnFields;
        foreach (var value in (ReadOnlySpan<int>)[persons, households, texts, nameChars, textChars])
        {
            BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(at), value);
            at += 4;
        }

        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(at), CodeIdentity);
        return header;
    }

    /// <summary>Each distinct text once, numbered in the order first seen.</summary>
    private sealed class TextTable
    {
        private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);
        private readonly List<string> _texts = [];

        // The texts last numbered, by their strings' identity: a population shares one string per distinct text (a
        // household's id on each of its members, who come one after another; a relation, a town), so most texts are
        // found here without hashing their characters (1M persons: the table took about 0.3 s of the image's 0.6 s).
        private readonly (string? Text, int Number)[] _recent = new (string?, int)[64];

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public int Of(string text)
        {
            ref var recent = ref _recent[RuntimeHelpers.GetHashCode(text) & (_recent.Length - 1)];
            if (ReferenceEquals(recent.Text, text))
            {
                return recent.Number;
            }

            ref var number = ref CollectionsMarshal.GetValueRefOrAddDefault(_numbers, text, out var known);
            if (!known)
            {
                number = _texts.Count;
                _texts.Add(text);
            }

            recent = (text, number);
            return number;
        }

        public (int[] Starts, char[] Chars) Packed()
        {
            var starts = new int[_texts.Count + 1];
            for (var t = 0; t < _texts.Count; t++)
            {
                starts[t + 1] = starts[t] + _texts[t].Length;
            }

            var chars = new char[starts[^1]];
            for (var t = 0; t < _texts.Count; t++)
            {
                _texts[t].CopyTo(chars.AsSpan(starts[t]));
            }

            return (starts, chars);
        }
    }
}
