using Matching.Core.Departments;
using Matching.Core.Errors;
using Matching.Ingest.HeaderMaps;
using Matching.Testing;

namespace Matching.Ingest.Tests.HeaderMaps;

public sealed class HeaderMapCatalogTests : IDisposable
{
    private static readonly System.Text.Json.JsonSerializerOptions CamelCase = new() { PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase };

    private readonly TempFolder _temp = new("matching-maps-");

    [Fact]
    public void Load_DefaultDirectory_HasEveryShippedMap()
    {
        var catalog = HeaderMapCatalog.Load(HeaderMapCatalog.DefaultDirectory);

        Assert.Equal(["death", "disability", "disaster", "education", "illness", "labelled", "lowincome", "medical-bills", "unemployment"], catalog.Sources);
        Assert.Equal(["death", "disability", "disaster", "education", "illness", "medical-bills", "unemployment"], catalog.Departments);
        foreach (var source in catalog.Sources)
        {
            var map = catalog.Get(source);
            Assert.Equal(source, map.Source);
            Assert.NotEmpty(map.Fields[HeaderMap.IdField].Headers);
            Assert.True(map.Fields[HeaderMap.NameField].Required);
            Assert.False(string.IsNullOrWhiteSpace(map.Receiver));
        }
    }

    [Fact]
    public void Load_LowIncomeMap_HasCategoryAndFlagValues()
    {
        var map = HeaderMapCatalog.Load(HeaderMapCatalog.DefaultDirectory).Get("lowincome");

        Assert.Contains("低保", map.Values["category"]["dibao"]);
        Assert.Contains("是", map.Values["flag"]["yes"]);
        Assert.True(map.Fields["householdId"].Required);
    }

    [Fact]
    public void Get_DifferentCase_Found()
    {
        var catalog = HeaderMapCatalog.Load(HeaderMapCatalog.DefaultDirectory);

        Assert.Equal("education", catalog.Get("Education").Source);
    }

    [Fact]
    public void Get_UnknownDepartment_ThrowsListingKnownOnes()
    {
        var catalog = HeaderMapCatalog.Load(HeaderMapCatalog.DefaultDirectory);

        var error = Assert.Throws<MatchingException>(() => catalog.Get("police"));

        Assert.Contains("police", error.Message, StringComparison.Ordinal);
        foreach (var known in new[] { "disability", "education", "illness", "medical-bills", "unemployment" })
        {
            Assert.Contains(known, error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("""{ "source": "housing", "fields": { "id": { "headers": ["身份证号"] }, "mode": { "headers": ["方式"], "type": "code" } } }""",
        "field 'mode' (type code): no values.mode and no built-in vocabulary")]
    [InlineData("""{ "source": "housing", "fields": { "id": { "headers": ["身份证号"] }, "grade": { "headers": ["等级"], "type": "code" } }, "values": { "grade": { "1": ["一级"], "2": ["一级"] } } }""",
        "values.grade: '一级' is listed under both '1' and '2'")]
    [InlineData("""{ "source": "housing", "fields": { "id": { "headers": ["身份证号"] } }, "values": { "flag": { "yes": ["是"], "maybe": ["也许"] } } }""",
        "values.flag must list the codes yes and no")]
    [InlineData("""{ "source": "housing", "fields": { "id": { "headers": ["身份证号"] }, "x": { "headers": ["x"], "type": "number" } } }""",
        "$.fields.x.type: unknown type 'number' (use text, date, amount, flag or code)")]
    [InlineData("""{ "source": "housing", "kind": "list", "fields": { "id": { "headers": ["身份证号"] } } }""",
        "$.kind: kind 'list' is not snapshot, ledger, population or evaluation")]
    [InlineData("""{ "source": "housing", "fields": { "id": { "headers": ["身份证号"] }, "paid": { "headers": ["金额"], "type": "amount", "negative": "ignore" } } }""",
        "$.fields.paid.negative: negative 'ignore' is not refuse or refund")]
    [InlineData("""{ "source": "housing", "fields": { "id": { "headers": ["身份证号"] }, "x": { "headers": ["x"], "type": 3 } } }""",
        "$.fields.x.type: unknown type '3'")]
    [InlineData("""{ "source": "housing", "fields": { "id": { "headers": ["身份证号"] }, "x": { "headers": ["x"], "type": null } } }""",
        "$.fields.x.type: unknown type 'null'")]
    public void Load_BadVocabulary_ThrowsNamingIt(string json, string expected)
    {
        _temp.WriteText("housing.json", json);

        var error = Assert.Throws<MatchingException>(() => HeaderMapCatalog.Load(_temp.Root));

        Assert.Contains("housing.json", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WordsOfTheMap_ReadAsTheirValues()
    {
        _temp.WriteText("housing.json", """{ "source": "housing", "kind": "department", "fields": { "id": { "headers": ["身份证号"] }, "paid": { "headers": ["金额"], "type": "amount", "negative": "refund" }, "on": { "headers": ["日期"], "type": "date" } } }""");
        _temp.WriteText("fire.json", """{ "source": "fire", "kind": "ledger", "fields": { "id": { "headers": ["身份证号"] }, "paid": { "headers": ["金额"], "type": "amount" } } }""");

        var catalog = HeaderMapCatalog.Load(_temp.Root);
        var housing = catalog.Get("housing");
        var fire = catalog.Get("fire");

        Assert.Equal(SourceKind.Snapshot, housing.Kind);
        Assert.Equal(FieldType.Amount, housing.Fields["paid"].Type);
        Assert.True(housing.Fields["paid"].AllowsRefunds);
        Assert.Equal(FieldType.Date, housing.Fields["on"].Type);
        Assert.Equal(FieldType.Text, housing.Fields["id"].Type);
        Assert.Equal(SourceKind.Ledger, fire.Kind);
        Assert.Equal(NegativeAmount.Refuse, fire.Fields["paid"].Negative);
        Assert.False(fire.Fields["paid"].AllowsRefunds);
    }

    [Fact]
    public void Serialize_Words_WrittenAsTheFileSpellsThem()
    {
        var map = new HeaderMap
        {
            Source = "housing",
            Kind = SourceKind.Ledger,
            Fields = new Dictionary<string, FieldSpec> { ["paid"] = new() { Type = FieldType.Amount, Negative = NegativeAmount.Refund } },
        };

        var json = System.Text.Json.JsonSerializer.Serialize(map, CamelCase);

        Assert.Contains("\"kind\":\"ledger\"", json, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"amount\"", json, StringComparison.Ordinal);
        Assert.Contains("\"negative\":\"refund\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CodeFieldWithoutValues_TakesTheBuiltInVocabulary()
    {
        _temp.WriteText("housing.json", """{ "source": "housing", "fields": { "id": { "headers": ["身份证号"] }, "level": { "headers": ["等级"], "type": "code", "values": "grade" } } }""");

        var map = HeaderMapCatalog.Load(_temp.Root).Get("housing");

        Assert.Equal("grade", map.VocabularyOf("level"));
        Assert.Equal(["1", "2", "3", "4"], map.GetVocabulary("grade").Words.Keys);
    }

    [Fact]
    public void Load_MapWithoutIdField_ThrowsNamingFile()
    {
        _temp.WriteText("housing.json", """{ "source": "housing", "fields": { "name": { "headers": ["姓名"], "required": true } } }""");

        var error = Assert.Throws<MatchingException>(() => HeaderMapCatalog.Load(_temp.Root));

        Assert.Contains("housing.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("'id'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MapWithoutSource_ThrowsNamingFile()
    {
        _temp.WriteText("nameless.json", """{ "fields": { "id": { "headers": ["身份证号"] } } }""");

        var error = Assert.Throws<MatchingException>(() => HeaderMapCatalog.Load(_temp.Root));

        Assert.Contains("nameless.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("'source'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BrokenJson_ThrowsNamingFile()
    {
        _temp.WriteText("broken.json", """{ "source": "broken", "fields": { """);

        var error = Assert.Throws<MatchingException>(() => HeaderMapCatalog.Load(_temp.Root));

        Assert.Contains("broken.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFolder_ThrowsNamingFolder()
    {
        var folder = _temp.PathOf("no-such-maps");

        var error = Assert.Throws<MatchingException>(() => HeaderMapCatalog.Load(folder));

        Assert.Contains("no-such-maps", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CommentsAndTrailingCommas_Accepted()
    {
        _temp.WriteText("housing.json", """
            {
              // 住建 住房困难
              "source": "housing",
              "fields": { "id": { "headers": ["身份证号",], }, },
            }
            """);

        var catalog = HeaderMapCatalog.Load(_temp.Root);

        Assert.Equal(["housing"], catalog.Sources);
    }

    [Theory]
    [InlineData("/tmp/escaped")]
    [InlineData("../escaped")]
    [InlineData("Education")]
    [InlineData("edu\ncation")]
    public void Load_SourceNotACode_ThrowsNamingFile(string source)
    {
        // Issue 19: a map's source names the rejects folder; "/tmp/escaped" put reject reports outside it.
        _temp.WriteText("bad.json", $$"""{ "source": {{System.Text.Json.JsonSerializer.Serialize(source)}}, "fields": { "id": { "headers": ["身份证号"] } } }""");

        var error = Assert.Throws<MatchingException>(() => HeaderMapCatalog.Load(_temp.Root));

        Assert.Contains("bad.json: 'source' must be a code", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReceiverNotACode_ThrowsNamingFile()
    {
        _temp.WriteText("bad.json", """{ "source": "housing", "receiver": "../../victim", "fields": { "id": { "headers": ["身份证号"] } } }""");

        var error = Assert.Throws<MatchingException>(() => HeaderMapCatalog.Load(_temp.Root));

        Assert.Contains("bad.json: 'receiver' must be a code", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_HugeMap_RefusedBeforeParsing()
    {
        var padding = new string(' ', (int)HeaderMapCatalog.MaxFileBytes);
        _temp.WriteText("huge.json", """{ "source": "housing", "fields": { "id": { "headers": ["身份证号"] } } }""" + padding);

        var error = Assert.Throws<MatchingException>(() => HeaderMapCatalog.Load(_temp.Root));

        Assert.Contains("huge.json: a header map of", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Load_FifoInTheFolder_RefusedWithoutBlocking()
    {
        Skip.If(OperatingSystem.IsWindows(), "no FIFOs on Windows");
        SpecialFiles.Fifo(_temp.PathOf("pipe.json"));

        var error = await Assert.ThrowsAsync<MatchingException>(() => Task.Run(() => HeaderMapCatalog.Load(_temp.Root)).WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Contains("pipe.json: is a named pipe", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();
}
