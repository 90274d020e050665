using Matching.Core.Rules;
using Matching.Testing;

namespace Matching.Core.Tests.Rules;

/// <summary><see cref="RuleShape.IdInvalid"/> and <see cref="RuleShape.IdNameMismatch"/>: back to the source department's receiver.</summary>
public partial class RuleEngineTests
{
    [Fact]
    public void Evaluate_UnrepairableIdWithoutFallback_IdInvalidToSourceReceiver()
    {
        var warnings = DibaoFamily().Record("medical-bills", "4190011985", StrangerName).Evaluate(ShippedRules.IdInvalid);

        var warning = Assert.Single(warnings);
        Assert.Equal("ID_INVALID", warning.Code);
        Assert.Equal("medical-insurance", warning.Receiver);
        Assert.Equal("raw:4190011985|" + StrangerName, warning.Subject);
        Assert.Equal("4190011985", warning.IdText);
        Assert.Equal("medical-bills", warning.Department);
        Assert.Empty(warning.HouseholdId);
        Assert.Contains("医保个人自付医疗费用记录", warning.Detail, StringComparison.Ordinal);
        Assert.Contains("位数不对", warning.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("4.10881195706216E+19", "410881195706216")]
    [InlineData("4.19001199001011E+17", "419001199001011")]
    [InlineData(" 4.10881E+19", "410881")]
    public void Evaluate_UnresolvedScientificId_SubjectIsTheDigitsThatSurvived(string raw, string digits)
    {
        // Issue 13: the subject was the scientific text, which differs with the way the cell was exported.
        var warning = Assert.Single(DibaoFamily().Record("disability", raw, StrangerName).Evaluate(ShippedRules.IdInvalid));

        Assert.Equal("raw:" + digits + "|" + StrangerName, warning.Subject);
    }

    [Theory]
    [InlineData("education", "education")]
    [InlineData("unemployment", "hr-social-security")]
    [InlineData("illness", "health")]
    [InlineData("disability", "disabled-federation")]
    public void Evaluate_UnrepairableId_ReceiverIsTheDepartmentsOwn(string department, string receiver)
    {
        var warning = Assert.Single(DibaoFamily().Record(department, "无", StrangerName).Evaluate(ShippedRules.IdInvalid));

        Assert.Equal(receiver, warning.Receiver);
    }

    [Fact]
    public void Evaluate_CheckCharacterSlipOfMemberWithSameName_CorrectedSoNoIdInvalid()
    {
        var slip = TestIds.Substitute(Worker.Value, 16, Worker.Value[16] == '9' ? '0' : (char)(Worker.Value[16] + 1));

        var warnings = DibaoFamily().Record("illness", slip, WorkerName).Evaluate(ShippedRules.IdInvalid, ShippedRules.MedAidGapIllness);

        var warning = Assert.Single(warnings);
        Assert.Equal("MED_AID_GAP", warning.Code);
        Assert.Equal("corrected", warning.Method);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Evaluate_ValidId_NoIdInvalid(bool member)
    {
        var (id, name) = member ? (Worker, WorkerName) : (Stranger, StrangerName);

        Assert.Empty(DibaoFamily().Record("medical-bills", id, name).Evaluate(ShippedRules.IdInvalid));
    }

    [Fact]
    public void Evaluate_MembersIdWithAnotherName_IdNameMismatchToSourceReceiver()
    {
        var warnings = DibaoFamily().Record("unemployment", Worker, "刘晓红").Evaluate(ShippedRules.IdNameMismatch);

        var warning = Assert.Single(warnings);
        Assert.Equal("ID_NAME_MISMATCH", warning.Code);
        Assert.Equal("hr-social-security", warning.Receiver);
        Assert.Equal(Worker.Value, warning.Subject);
        Assert.Equal(Worker.Value, warning.IdText);
        Assert.Equal("刘晓红", warning.Name);
        Assert.Equal("unemployment", warning.Department);
        Assert.Equal("H1", warning.HouseholdId);
        Assert.Equal("天坛街道", warning.Subdistrict);
        Assert.Contains("另一姓名", warning.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_MembersIdWithSameName_NoIdNameMismatch()
    {
        Assert.Empty(DibaoFamily().Record("unemployment", Worker, WorkerName).Evaluate(ShippedRules.IdNameMismatch));
    }

    [Fact]
    public void Evaluate_StrangersIdWithAnyName_NoIdNameMismatch()
    {
        Assert.Empty(DibaoFamily().Record("unemployment", Stranger, "刘晓红").Evaluate(ShippedRules.IdNameMismatch));
    }

    [Fact]
    public void Evaluate_MembersIdWithAnotherName_NoAidGapForTheMember()
    {
        var warnings = DibaoFamily().Record("unemployment", Worker, "刘晓红").Evaluate(ShippedRules.All, RuleScenario.AsOf);

        Assert.Equal(["ID_NAME_MISMATCH"], warnings.Select(w => w.Code));
    }
}
