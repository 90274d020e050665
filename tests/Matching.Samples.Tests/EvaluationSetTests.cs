using System.Globalization;
using Matching.Core.Identity;
using Matching.Testing;
using Xunit.Abstractions;

namespace Matching.Samples.Tests;

/// <summary>The default-size evaluation set, written once for the tests that read it.</summary>
public sealed class EvaluationSetFixture : IDisposable
{
    public EvaluationSetFixture()
    {
        var started = TimeProvider.System.GetTimestamp();
        Summary = EvaluationSet.Write(Folder, new EvaluationOptions());
        Elapsed = TimeProvider.System.GetElapsedTime(started);
        Rows = File.ReadAllLines(Path.Combine(Folder, EvaluationSet.LabelledFileName)).Skip(1).Select(LabelledRow.Parse).ToList();
        foreach (var line in File.ReadAllLines(Path.Combine(Folder, EvaluationSet.LowIncomeFileName)).Skip(1))
        {
            var cells = line.Split(',');
            LowIncome.Add(cells[5], cells[4]);
        }
    }

    public string Folder { get; } = Directory.CreateTempSubdirectory("matching-evaluation-").FullName;

    public EvaluationSummary Summary { get; }

    public TimeSpan Elapsed { get; }

    public List<LabelledRow> Rows { get; }

    /// <summary>Name by ID of every lowincome.csv row.</summary>
    public Dictionary<string, string> LowIncome { get; } = new(StringComparer.Ordinal);

    /// <summary>Name by ID key of every lowincome.csv row.</summary>
    public Dictionary<long, string> ByKey => LowIncome.ToDictionary(p => IdParser.Parse(p.Key).Id.Key, p => p.Value);

    public IEnumerable<LabelledRow> With(string damage) => Rows.Where(r => r.Damage == damage);

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}

/// <summary>One row of labelled.csv.</summary>
public sealed record LabelledRow(string Name, string IdCell, string Birth, string TruthId, string Damage)
{
    public static LabelledRow Parse(string line)
    {
        Assert.DoesNotContain('"', line);
        var cells = line.Split(',');
        Assert.Equal(5, cells.Length);
        return new LabelledRow(cells[0], cells[1], cells[2], cells[3], cells[4]);
    }

    /// <summary>The keys of the valid IDs one slip from the ID cell (IdCorrections); empty when it is not correctable.</summary>
    public long[] Corrections()
    {
        Span<char> buffer = stackalloc char[IdNormalizer.MaxLength];
        var parsed = IdParser.Parse(IdCell, buffer);
        if (!parsed.IsCorrectable)
        {
            return [];
        }

        Span<long> keys = stackalloc long[IdCorrections.MaxCandidates];
        return keys[..IdCorrections.Candidates(buffer[..IdNumber.Length], keys)].ToArray();
    }
}

public sealed class EvaluationSetTests(EvaluationSetFixture set, ITestOutputHelper output) : IClassFixture<EvaluationSetFixture>, IDisposable
{
    private static readonly string[] StrangerLabels = ["stranger_typo", "same_birth_stranger", "name_mismatch"];
    private static readonly string[] MemberLabels =
        ["twin_typo", "name_variant", "rare_char", "separator_dropped", "separator_replaced", "separator_db_dropped", "annotation"];

    private readonly string _folder = Directory.CreateTempSubdirectory("matching-evaluation-").FullName;

    [Fact]
    public void Write_SameSeed_SameBytes_OtherSeed_OtherBytes()
    {
        var options = new EvaluationOptions(Seed: 11, Households: 1500, Rows: 3000);
        EvaluationSet.Write(Path.Combine(_folder, "a"), options);
        EvaluationSet.Write(Path.Combine(_folder, "b"), options);
        EvaluationSet.Write(Path.Combine(_folder, "c"), options with { Seed = 12 });

        foreach (var file in new[] { EvaluationSet.LowIncomeFileName, EvaluationSet.LabelledFileName })
        {
            var a = File.ReadAllBytes(Path.Combine(_folder, "a", file));
            Assert.True(a.AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(_folder, "b", file))), $"{file} differs for the same seed");
            Assert.False(a.AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(_folder, "c", file))), $"{file} is the same for another seed");
        }
    }

    [Fact]
    public void Write_Default_EveryDamageLabelPresentAndNoOther()
    {
        foreach (var (label, count) in set.Summary.RowsByDamage)
        {
            output.WriteLine($"{label,-20} {count,6}");
        }

        output.WriteLine($"written in {set.Elapsed.TotalSeconds:F2} s");
        var labels = set.Rows.Select(r => r.Damage).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(EvaluationSet.DamageLabels.Order(StringComparer.Ordinal), labels.Order(StringComparer.Ordinal));
        string[] required = ["none", "spaces", "fullwidth", "lowercase_x", "apostrophe", "trailing_dot0", "id15", "certificate",
            "substitution", "swap", "scientific", "truncated_zeros", "empty", "name_mismatch", "twin_typo", "stranger_typo",
            "same_birth_stranger", "name_variant", "rare_char", "certificate15", "certificate_scientific", "check_char_lost",
            "separator_dropped", "separator_replaced", "separator_db_dropped", "annotation"];
        Assert.Equal(required.Order(StringComparer.Ordinal), EvaluationSet.DamageLabels.Order(StringComparer.Ordinal));
        Assert.All(EvaluationSet.DamageLabels, label => Assert.True(set.Summary.RowsWith(label) >= 20, $"only {set.Summary.RowsWith(label)} {label} rows"));
    }

    [Fact]
    public void Write_Default_CountsAndSharesAsRequested()
    {
        var rows = set.Rows;
        Assert.Equal(EvaluationOptions.DefaultRows, rows.Count);
        Assert.Equal(set.Summary.Rows, rows.Count);
        Assert.Equal(EvaluationOptions.DefaultHouseholds, set.Summary.Households);
        Assert.Equal(set.Summary.Persons, set.LowIncome.Count);
        Assert.Equal(set.Summary.LowIncomeRows, rows.Count(r => r.TruthId.Length > 0));
        Assert.InRange(set.Summary.TwinPairs, EvaluationOptions.DefaultHouseholds / 100 - 5, EvaluationOptions.DefaultHouseholds / 100);

        Assert.InRange(Share(r => r.TruthId.Length > 0), 0.38, 0.42);
        Assert.InRange(Share(r => r.Damage != "none"), 0.33, 0.37);
        Assert.InRange(Share(r => r.Birth.Length > 0), 0.47, 0.53);
        foreach (var file in set.Summary.Files)
        {
            Assert.Equal(new FileInfo(Path.Combine(set.Folder, file.RelativePath)).Length, file.Bytes);
        }

        double Share(Func<LabelledRow, bool> predicate) => rows.Count(predicate) / (double)rows.Count;
    }

    [Fact]
    public void Write_Default_TruthIdsCanonicalOrEmpty_AndInLowIncome()
    {
        foreach (var row in set.Rows)
        {
            if (row.TruthId.Length == 0)
            {
                Assert.DoesNotContain(row.Damage, MemberLabels);
                continue;
            }

            Assert.True(IdParser.Parse(row.TruthId).IsExact, "truth_id not canonical");
            Assert.True(set.LowIncome.ContainsKey(row.TruthId), "truth_id person not in lowincome.csv");
            Assert.DoesNotContain(row.Damage, StrangerLabels);
            if (row.Birth.Length > 0)
            {
                Assert.Equal(row.TruthId[6..14], row.Birth.Replace("-", string.Empty, StringComparison.Ordinal));
            }
        }

        Assert.All(set.Rows.Where(r => r.Birth.Length > 0),
            r => Assert.True(DateOnly.TryParseExact(r.Birth, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)));
    }

    [Fact]
    public void Write_Default_LowIncomeHasTheSampleHeaderAndOnlyValidDistinctIds()
    {
        var header = File.ReadLines(Path.Combine(set.Folder, EvaluationSet.LowIncomeFileName)).First();
        Assert.Equal(File.ReadLines(Path.Combine(RepositoryPaths.SampleData, "lowincome.csv")).First(), header);
        Assert.All(set.LowIncome.Keys, id => Assert.True(IdParser.Parse(id).IsExact));
        Assert.Equal(set.Summary.Persons, set.LowIncome.Count);

        var bytes = File.ReadAllBytes(Path.Combine(set.Folder, EvaluationSet.LabelledFileName));
        Assert.True(bytes.AsSpan().StartsWith("\uFEFF姓名,身份证号,出生日期,truth_id,damage\r\n"u8), "labelled.csv header or BOM");
    }

    [Fact]
    public void StrangerTypo_CorrectionsHoldTheStrangersOwnIdAndAMembersWithAnotherName()
    {
        var byKey = set.ByKey;
        foreach (var row in set.With("stranger_typo"))
        {
            Assert.Equal(string.Empty, row.TruthId);
            var candidates = row.Corrections();
            var members = candidates.Where(byKey.ContainsKey).ToList();
            Assert.NotEmpty(members);
            Assert.Contains(candidates, k => !byKey.ContainsKey(k));
            Assert.All(members, k => Assert.False(PersonName.Agree(byKey[k], row.Name), "the stranger has the member's name"));
        }
    }

    [Fact]
    public void TwinTypo_CorrectionsHoldBothTwins()
    {
        var byKey = set.ByKey;
        foreach (var row in set.With("twin_typo"))
        {
            var truth = IdParser.Parse(row.TruthId).Id.Key;
            var candidates = row.Corrections();
            Assert.Contains(truth, candidates);
            var twin = Assert.Single(candidates, k => k != truth && byKey.ContainsKey(k) && k / 1000 == truth / 1000);
            Assert.Equal(1, Math.Abs(twin - truth));
            Assert.False(PersonName.Agree(byKey[twin], byKey[truth]), "twins with one name");
        }

        // Every other pair also sends the other twin's clean row, next to the typo.
        var clean = set.With("none").Select(r => r.TruthId).Where(t => t.Length > 0).ToHashSet(StringComparer.Ordinal);
        var typos = set.With("twin_typo").ToList();
        var withTwin = typos.Count(r =>
        {
            var key = IdParser.Parse(r.TruthId).Id.Key;
            return new[] { key - 1, key + 1 }.Any(k => byKey.ContainsKey(k) && clean.Contains(IdNumber.FromKey(k).Value));
        });
        Assert.InRange(withTwin, typos.Count * 4 / 10, typos.Count * 6 / 10);
    }

    [Fact]
    public void SameBirthStranger_ExcelDamagedOrEmpty_BornWithAMemberOfAnotherName()
    {
        var members = set.LowIncome.ToLookup(p => p.Key[6..14], p => (Id: p.Key, Name: p.Value), StringComparer.Ordinal);
        var truncated = 0;
        foreach (var row in set.With("same_birth_stranger"))
        {
            Assert.Equal(string.Empty, row.TruthId);
            Assert.Contains(IdParser.Parse(row.IdCell).Kind, new[] { IdKind.ExcelDamaged, IdKind.Empty });
            if (row.Birth.Length > 0)
            {
                var born = members[row.Birth.Replace("-", string.Empty, StringComparison.Ordinal)].ToList();
                Assert.Contains(born, m => !PersonName.Agree(m.Name, row.Name));
            }

            if (row.IdCell.Length == IdNumber.Length)
            {
                // Truncated: the 15 surviving digits are a member's (region, birth date, first sequence digit).
                truncated++;
                Assert.Contains(set.LowIncome, m => m.Key.AsSpan(0, 15).SequenceEqual(row.IdCell.AsSpan(0, 15)) && !PersonName.Agree(m.Value, row.Name));
            }
        }

        Assert.True(truncated > 0);
    }

    [Fact]
    public void NameVariant_TraditionalOrDottedName_IdCleanOrExcelDamaged()
    {
        var rows = set.With("name_variant").ToList();
        foreach (var row in rows)
        {
            var name = set.LowIncome[row.TruthId];
            Assert.NotEqual(name, row.Name);
            Assert.Equal(name.Length, row.Name.Length);
            var parsed = IdParser.Parse(row.IdCell);
            Assert.True(row.IdCell == row.TruthId || parsed.Kind == IdKind.ExcelDamaged, "ID neither clean nor Excel-damaged");
        }

        Assert.Contains(rows, r => r.Name.Contains('陳', StringComparison.Ordinal) || r.Name.Contains('劉', StringComparison.Ordinal) || r.Name.Contains('張', StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Name.IndexOfAny(['•', '.', '・', '‧', '･']) > 0);
        Assert.Contains(rows, r => r.IdCell == r.TruthId);
        Assert.Contains(rows, r => r.IdCell != r.TruthId);
    }

    [Fact]
    public void RareChar_OneCharacterOfTheGivenNameReplaced()
    {
        var rows = set.With("rare_char").ToList();
        foreach (var row in rows)
        {
            var name = set.LowIncome[row.TruthId];
            Assert.Equal(row.TruthId, row.IdCell);
            Assert.Equal(name[0], row.Name[0]);
            var standIn = row.Name.IndexOfAny(['*', '?', '□']) >= 0 || row.Name.Any(char.IsAsciiLetterLower);
            Assert.True(standIn, "no stand-in in the name");
        }

        Assert.Contains(rows, r => r.Name.Any(char.IsAsciiLetterLower));
        Assert.Contains(rows, r => r.Name.Contains('□', StringComparison.Ordinal));
    }

    [Fact]
    public void NameMismatch_AMembersValidIdUnderAStrangersName()
    {
        foreach (var row in set.With("name_mismatch"))
        {
            Assert.Equal(string.Empty, row.TruthId);
            Assert.True(set.LowIncome.TryGetValue(row.IdCell, out var owner), "the ID is no member's");
            Assert.False(PersonName.Agree(owner, row.Name));
        }
    }

    [Fact]
    public void Separators_MinorityNamesWithTheDotDroppedOrReplacedOnEitherSide()
    {
        foreach (var (label, databaseDotted) in new[] { ("separator_dropped", true), ("separator_replaced", true), ("separator_db_dropped", false) })
        {
            var rows = set.With(label).ToList();
            Assert.True(rows.Count >= 100, $"only {rows.Count} {label} rows");
            foreach (var row in rows)
            {
                var listed = set.LowIncome[row.TruthId];
                Assert.Equal(databaseDotted, listed.Contains('·', StringComparison.Ordinal));
                Assert.NotEqual(listed, row.Name);
                Assert.True(row.IdCell == row.TruthId || row.IdCell == row.TruthId[..15] + "000", $"{label}: ID neither clean nor truncated");
                if (label == "separator_dropped")
                {
                    Assert.Equal(listed.Replace("·", string.Empty, StringComparison.Ordinal), row.Name);
                }
                else if (label == "separator_replaced")
                {
                    Assert.DoesNotContain("·", row.Name, StringComparison.Ordinal);
                    Assert.Equal(listed.Length, row.Name.Length);
                }
                else
                {
                    Assert.Equal(listed.Length + 1, row.Name.Length);
                }
            }
        }

        Assert.Contains(set.With("separator_replaced"), r => r.Name.Contains(' ', StringComparison.Ordinal));
        Assert.Contains(set.With("separator_replaced"), r => r.Name.Contains('-', StringComparison.Ordinal));
    }

    [Fact]
    public void Annotation_TheNameProperIsTheMembers()
    {
        var rows = set.With("annotation").ToList();
        foreach (var row in rows)
        {
            Assert.True(PersonName.HasAnnotation(row.Name), row.Name);
            Assert.True(PersonName.Agree(PersonName.Proper(row.Name), set.LowIncome[row.TruthId]));
        }

        Assert.Contains(rows, r => r.Name.EndsWith("（已故）", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Name.EndsWith('*'));
        Assert.Contains(rows, r => char.IsAsciiDigit(r.Name[^1]));
    }

    [Fact]
    public void Certificates_SeventeenDigitsOnOldIdsExcelsTwentyAndIdsWithoutCheck()
    {
        foreach (var row in set.With("certificate15"))
        {
            Assert.Equal(17, row.IdCell.Length);
            Assert.True(IdParser.TryReadCertificate15(row.IdCell, out var id));
            Assert.True(row.TruthId.Length == 0 || id.Value == row.TruthId);
        }

        foreach (var row in set.With("check_char_lost"))
        {
            Assert.Equal(IdKind.SeventeenDigits, IdParser.Parse(row.IdCell).Kind);
            Assert.True(row.TruthId.Length == 0 || row.TruthId.StartsWith(row.IdCell, StringComparison.Ordinal));
        }

        var rounded = 0;
        foreach (var row in set.With("certificate_scientific"))
        {
            Assert.EndsWith("E+19", row.IdCell, StringComparison.Ordinal);
            Assert.Equal(IdKind.ExcelDamaged, IdParser.Parse(row.IdCell).Kind);
            var kept = IdParser.SubjectText(row.IdCell);
            Assert.Equal(15, kept.Length);
            if (row.TruthId.Length > 0)
            {
                var truth = long.Parse(row.TruthId.AsSpan(0, 15), CultureInfo.InvariantCulture);
                var excel = long.Parse(kept, CultureInfo.InvariantCulture);
                Assert.InRange(excel - truth, 0, 1);
                rounded += excel == truth ? 0 : 1;
            }
        }

        Assert.True(rounded > 0, "no certificate rounded up by Excel");
    }

    [Fact]
    public void PopulationNames_SeparatorDroppedOrReplaced_AgreeOnlyWithTheSameName()
    {
        // The property, over the population's own names: a minority name with its separator dropped or typed
        // otherwise agrees with no name of the population but those with the same characters.
        var names = set.LowIncome.Values.Distinct(StringComparer.Ordinal).ToList();
        var minority = names.Where(n => n.Contains('·', StringComparison.Ordinal)).ToList();
        Assert.True(minority.Count >= 100, $"{minority.Count} minority names");
        foreach (var name in minority)
        {
            var characters = name.Replace("·", string.Empty, StringComparison.Ordinal);
            foreach (var separator in new[] { string.Empty, " ", "-", "．", "•", "—" })
            {
                var typed = name.Replace("·", separator, StringComparison.Ordinal);
                foreach (var other in names)
                {
                    if (PersonName.Agree(typed, other))
                    {
                        Assert.Equal(characters, other.Replace("·", string.Empty, StringComparison.Ordinal));
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData(50, 100)]
    [InlineData(1000, 4001)]
    [InlineData(1000, 99)]
    public void Write_OptionsOutOfRange_Throws(int households, int rows) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => EvaluationSet.Write(_folder, new EvaluationOptions(Households: households, Rows: rows)));

    [Fact]
    public void Write_SmallestSet_HasEveryLabel()
    {
        var summary = EvaluationSet.Write(_folder, new EvaluationOptions(Seed: 3, Households: 300, Rows: 1200));
        Assert.All(EvaluationSet.DamageLabels, label => Assert.True(summary.RowsWith(label) > 0, $"no {label} row"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
