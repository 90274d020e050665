using Matching.Core.Identity;
using Matching.Ingest.LowIncome;
using Matching.Ingest.Rejects;
using Matching.Ingest.Tables;
using Matching.Testing;

namespace Matching.Ingest.Tests.LowIncome;

/// <summary>Rows the reader refuses: reason, row as the spreadsheet shows it, column as the file spells it, value masked.</summary>
public sealed partial class LowIncomeReaderTests
{
    [Fact]
    public void Read_InvalidId_RejectedWithRowColumnAndMaskedValue()
    {
        var valid = TestIds.Valid(3).Value;
        var wrongCheck = TestIds.Substitute(valid, 17, valid[17] == '0' ? '1' : '0');
        var csv = new LowIncomeCsv { TitleLines = { "济源市低收入人口名册" } }
            .Member("H001", TestIds.Valid(4).Value, "甲")
            .Member("H001", wrongCheck, "乙");

        var result = Read(csv);

        var reject = Assert.Single(result.Rejected);
        Assert.Equal(RejectReason.IdInvalid, reject.Reason);
        Assert.Equal(4, reject.SourceRow);
        Assert.Equal("身份证号码", reject.Column);
        Assert.DoesNotContain(wrongCheck, reject.MaskedValue, StringComparison.Ordinal);
        Assert.Equal(IdNumber.Mask(wrongCheck), reject.MaskedValue);
        Assert.Single(result.Snapshot.Members);
        Assert.Equal(2, result.RowsRead);
    }

    [Fact]
    public void Read_EmptyId_RejectedAsMissing()
    {
        var result = Read(new LowIncomeCsv().Member("H001", "", "甲"));

        Assert.Equal(RejectReason.IdMissing, Assert.Single(result.Rejected).Reason);
        Assert.Empty(result.Snapshot.Members);
        Assert.Empty(result.Snapshot.Households);
    }

    [Fact]
    public void Read_UnknownCategory_RejectedAsValueUnknown()
    {
        var result = Read(new LowIncomeCsv().Member("H001", TestIds.Valid(5).Value, "甲", category: "火星"));

        var reject = Assert.Single(result.Rejected);
        Assert.Equal(RejectReason.ValueUnknown, reject.Reason);
        Assert.Equal("救助类别", reject.Column);
        Assert.Equal(2, reject.SourceRow);
        Assert.Equal("火*", reject.MaskedValue);
        Assert.DoesNotContain("火星", reject.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownFlag_RejectedAsValueUnknown()
    {
        var result = Read(new LowIncomeCsv().Member("H001", TestIds.Valid(8).Value, "甲", seriousIllness: "可能"));

        var reject = Assert.Single(result.Rejected);
        Assert.Equal((RejectReason.ValueUnknown, "是否重病"), (reject.Reason, reject.Column));
    }

    [Fact]
    public void Read_IncomeNotANumber_RejectedAsNumberInvalid()
    {
        var result = Read(new LowIncomeCsv().Member("H001", TestIds.Valid(10).Value, "甲", income: "约八千"));

        Assert.Equal(RejectReason.NumberInvalid, Assert.Single(result.Rejected).Reason);
    }

    [Fact]
    public void Read_SameIdTwiceInHousehold_SecondRejectedAsDuplicate()
    {
        var id = TestIds.Valid(11).Value;
        var result = Read(new LowIncomeCsv().Member("H001", id, "甲").Member("H001", id, "甲"));

        var reject = Assert.Single(result.Rejected);
        Assert.Equal((RejectReason.DuplicateRow, 3L, "身份证号码"), (reject.Reason, reject.SourceRow, reject.Column));
        Assert.DoesNotContain(id, reject.MaskedValue, StringComparison.Ordinal);
        Assert.Single(result.Snapshot.Members);
    }

    [Fact]
    public void Read_MissingName_RejectedAsValueMissing()
    {
        var result = Read(new LowIncomeCsv().Member("H001", TestIds.Valid(16).Value, " "));

        var reject = Assert.Single(result.Rejected);
        Assert.Equal((RejectReason.ValueMissing, "成员姓名"), (reject.Reason, reject.Column));
    }

    [Fact]
    public void Read_BlankRowsOfSeparators_NotCountedOrRejected()
    {
        var blank = new string(',', LowIncomeCsv.Headers.Count - 1) + "\r\n";
        var csv = new LowIncomeCsv().Member("H001", TestIds.Valid(17).Value, "甲").ToCsv() + blank + blank;
        var path = _temp.WriteText("blank-rows.csv", csv);
        using var table = SourceTable.Open(path, Map, IngestLimits.Default);

        var result = new LowIncomeReader(Map).Read(table);

        Assert.Empty(result.Rejected);
        Assert.Equal(1, result.RowsRead);
    }
}
