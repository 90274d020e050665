using Matching.Core.Answers;

namespace Matching.Core.Tests.Answers;

public sealed class AnswerVocabularyTests
{
    private static readonly AnswerOptions Options = new()
    {
        Answers =
        [
            new Answer { Text = "已落实救助", OutcomeText = "closes", Also = ["已落实"] },
            new Answer { Text = "正在核实", OutcomeText = "open", Also = ["核实中"] },
            new Answer { Text = "未处理", OutcomeText = "open" },
            new Answer { Text = "无", OutcomeText = "refused", Meaning = "不是处理结果" },
        ],
    };

    [Theory]
    [InlineData("已落实救助", "已落实救助", AnswerOutcome.Closes)]
    [InlineData(" 已落实 ", "已落实救助", AnswerOutcome.Closes)]
    [InlineData("正在　核实", "正在核实", AnswerOutcome.KeepsOpen)]
    [InlineData("核实中", "正在核实", AnswerOutcome.KeepsOpen)]
    [InlineData("未处理", "未处理", AnswerOutcome.KeepsOpen)]
    [InlineData("无", "无", AnswerOutcome.Refused)]
    public void Find_ListedAnswerOrConfiguredSpelling_ItsAnswerAndOutcome(string cell, string text, AnswerOutcome outcome)
    {
        var answer = new AnswerVocabulary(Options).Find(cell);

        Assert.NotNull(answer);
        Assert.Equal((text, outcome), (answer.Text, answer.Outcome));
    }

    [Theory]
    [InlineData("已处理")]
    [InlineData("落实")]
    [InlineData("已落实救助了")]
    [InlineData("")]
    public void Find_WordsNotListed_NullNeverGuessed(string cell)
    {
        Assert.Null(new AnswerVocabulary(Options).Find(cell));
    }

    [Fact]
    public void Offered_EveryAnswerNotRefusedInOrder()
    {
        Assert.Equal(["已落实救助", "正在核实", "未处理"], new AnswerVocabulary(Options).Offered.Select(a => a.Text));
    }

    [Fact]
    public void Problems_DuplicateUnknownOutcomeCommaNoClosingAnswer_EachNamed()
    {
        var options = new AnswerOptions
        {
            Answers =
            [
                new Answer { Text = "正在核实", OutcomeText = "open" },
                new Answer { Text = "正在 核实", OutcomeText = "pending" },
                new Answer { Text = "是,否", OutcomeText = "open" },
            ],
            ResultHeaders = [],
        };

        var problems = options.Problems().ToList();

        Assert.Contains(problems, p => p.Contains("'正在 核实' is listed twice", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("outcome 'pending'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("holds a comma", StringComparison.Ordinal));
        Assert.Contains("answers: no answer closes a warning", problems);
        Assert.Contains("resultHeaders is empty", problems);
    }
}
