using Matching.Core.Departments;

namespace Matching.Core.Tests.Departments;

public sealed class RecordLayoutTests
{
    [Fact]
    public void Of_CodeFields_ShareTheTextSlots()
    {
        var layout = RecordLayout.Of([("category", FieldType.Text, "残疾类别"), ("grade", FieldType.Code, "残疾等级"), ("hardship", FieldType.Flag, "困难")]);

        Assert.True(layout.TryGet("grade", out var grade));
        Assert.Equal((FieldType.Code, 1), (grade.Type, grade.Slot));
        Assert.True(layout.TryGet("hardship", out var hardship));
        Assert.Equal(0, hardship.Slot);
        Assert.Equal(FieldType.Text, RecordLayout.StorageOf(FieldType.Code));
    }

    [Fact]
    public void Of_MoreTextAndCodeFieldsThanTextSlots_Refused()
    {
        var fields = Enumerable.Range(0, RecordLayout.TextSlots).Select(i => ($"t{i}", FieldType.Text, "t")).Append(("grade", FieldType.Code, "残疾等级"));

        var ex = Assert.Throws<ArgumentException>(() => RecordLayout.Of(fields));

        Assert.Contains("text and code fields (field 'grade')", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_CodeField_ReadsBackAsCode()
    {
        var layout = RecordLayout.Of([("category", FieldType.Text, "残疾类别"), ("grade", FieldType.Code, "残疾等级")]);

        var described = layout.Describe();
        var read = RecordLayout.Parse(described);

        Assert.Equal("category:text:0,grade:code:1", described);
        Assert.True(read.TryGet("grade", out var grade));
        Assert.Equal((FieldType.Code, 1), (grade.Type, grade.Slot));
    }

    [Fact]
    public void Has_CodeValue_InItsTextSlot()
    {
        var field = new RecordField("grade", FieldType.Code, 1, "残疾等级");
        var values = new RecordValues();
        values.SetText(1, "2");

        Assert.True(values.Has(field));
        Assert.False(values.Has(field with { Slot = 0 }));
    }
}
