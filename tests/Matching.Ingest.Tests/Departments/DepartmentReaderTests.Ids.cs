using System.Text.RegularExpressions;
using Matching.Core.Identity;
using Matching.Ingest.Departments;
using Matching.Ingest.HeaderMaps;
using Matching.Ingest.Rejects;
using Matching.Ingest.Tables;
using Matching.Testing;

namespace Matching.Ingest.Tests.Departments;

/// <summary>Rows whose ID is damaged are kept for the fallbacks and listed for the department, the ID masked.</summary>
public sealed partial class DepartmentReaderTests
{
    private static readonly Regex FullId = new(@"\d{17}[\dX]", RegexOptions.CultureInvariant);

    public static TheoryData<string, IdKind> DamagedIds()
    {
        var id = TestIds.WithCheck('5', new DateOnly(1980, 1, 1)).Value;
        return new TheoryData<string, IdKind>
        {
            { TestIds.Substitute(id, 17, '6'), IdKind.CheckCharWrong },
            { TestIds.WithCheckChar("41900119801301001"), IdKind.BirthDateInvalid },
            { id[..16], IdKind.WrongLength },
            { id + "1234", IdKind.WrongLength },
            { id[..17] + "A", IdKind.ForeignCharacters },
            { "4.19001198001010E+17", IdKind.ExcelDamaged },
            { id[..15] + "000", IdKind.ExcelDamaged },
            { $"{id}/{TestIds.Valid(30).Value}", IdKind.ForeignCharacters },
        };
    }

    [Theory]
    [MemberData(nameof(DamagedIds))]
    public void Read_DamagedIdWithName_KeptAndListedWithMaskedValue(string raw, IdKind kind)
    {
        var result = Read("education", $"济源市学生名单\n姓名,身份证号,学校\n张三,{TestIds.Valid(31).Value},一中\n李四, {raw} ,二中\n");

        var kept = result.Records.Single(r => r.Name == "李四");
        Assert.Equal((4L, kind, $" {raw} "), (kept.SourceRow, kept.Parsed.Kind, kept.RawId));
        Assert.False(kept.Parsed.IsValid);
        var problem = Assert.Single(result.IdProblems);
        Assert.Equal((4L, RejectReason.IdInvalid, "身份证号"), (problem.SourceRow, problem.Reason, problem.Column));
        Assert.Equal(IdNumber.Mask(raw), problem.MaskedValue);
        Assert.Equal(kept.Parsed.Reason, problem.Detail);
        Assert.Empty(result.Rejected);
        Assert.Equal(2, result.Records.Count);
        Assert.DoesNotContain(raw, problem.ToString(), StringComparison.Ordinal);
        Assert.False(FullId.IsMatch(problem.ToString()), problem.ToString());
    }

    [Fact]
    public void Read_ValidIdsInEveryForm_NoIdProblems()
    {
        var x = TestIds.WithCheck('X', new DateOnly(1985, 5, 5));
        var old = TestIds.Make(TestIds.Jiyuan, new DateOnly(1965, 6, 6), 66);
        var certified = TestIds.Valid(32);
        var text = $"姓名,残疾人证号\n甲,{x.Value.ToLowerInvariant()}\n乙,{TestIds.Make15(TestIds.Jiyuan, new DateOnly(1965, 6, 6), 66)}\n"
            + $"丙,{certified.Value}12\n丁,'{x.Value}\n";

        var result = Read("disability", text);

        Assert.Empty(result.IdProblems);
        Assert.Equal([x, old, certified, x], result.Records.Select(r => r.Parsed.Id));
        Assert.Equal([IdKind.Valid18, IdKind.Valid15, IdKind.DisabilityCertificate, IdKind.Valid18], result.Records.Select(r => r.Parsed.Kind));
    }

    [Theory]
    [InlineData("numeric-ids.xlsx")]
    [InlineData("numeric-ids.xls")]
    public void Read_ExcelFixtureWithNumericIds_DamagedFlaggedFifteenDigitUpgradedTextExact(string fixture)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "excel", fixture);

        var result = ReadFile(path, "education");

        Assert.Equal([3L, 4L, 6L], result.Records.Select(r => r.SourceRow));
        Assert.Equal(["赵建国", "钱秀英", "孙志强"], result.Records.Select(r => r.Name));
        Assert.Equal(3, result.RowsRead);
        Assert.Empty(result.Rejected);

        var damaged = result.Records[0];
        Assert.Equal(IdKind.ExcelDamaged, damaged.Parsed.Kind);
        Assert.Equal("419001198001010", SurvivingDigits(damaged.RawId));
        Assert.Equal((IdKind.Valid15, "419001198001010022"), (result.Records[1].Parsed.Kind, result.Records[1].Parsed.Id.Value));
        Assert.Equal((IdKind.Valid18, "41900119800101009X"), (result.Records[2].Parsed.Kind, result.Records[2].Parsed.Id.Value));

        var problem = Assert.Single(result.IdProblems);
        Assert.Equal((3L, RejectReason.IdInvalid, "身份证号"), (problem.SourceRow, problem.Reason, problem.Column));
        Assert.False(FullId.IsMatch(problem.ToString()), problem.ToString());
        Assert.DoesNotContain("419001198001010", problem.MaskedValue, StringComparison.Ordinal);
    }

    private static string SurvivingDigits(string raw)
    {
        Span<char> normalized = stackalloc char[IdNormalizer.MaxLength + 1];
        var n = IdNormalizer.Normalize(raw, normalized, out _);
        Span<char> digits = stackalloc char[IdNumber.Length];
        var count = IdParser.SurvivingDigits(normalized[..n], digits);
        return new string(digits[..count]);
    }
}
