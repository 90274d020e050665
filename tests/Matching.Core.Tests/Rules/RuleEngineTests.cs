using Matching.Core.Identity;
using Matching.Core.Population;
using Matching.Core.Rules;
using Matching.Testing;

namespace Matching.Core.Tests.Rules;

/// <summary>
/// The rule engine with the shipped rules, one shape per file (RuleEngineTests.&lt;Shape&gt;.cs); dedup, complex cases
/// and what details may hold here and in RuleEngineTests.Engine.cs.
/// </summary>
public partial class RuleEngineTests
{
    private static readonly IdNumber Head = TestIds.Valid(1);
    private static readonly IdNumber Spouse = TestIds.Valid(2);
    private static readonly IdNumber Student = TestIds.Valid(3);
    private static readonly IdNumber Worker = TestIds.Valid(4);
    private static readonly IdNumber Neighbour = TestIds.Valid(5);
    private static readonly IdNumber Stranger = TestIds.Valid(6);

    private const string HeadName = "张建国";
    private const string SpouseName = "李秀英";
    private const string StudentName = "张小明";
    private const string WorkerName = "张小军";
    private const string NeighbourName = "王芳";
    private const string StrangerName = "赵磊";

    [Fact]
    public void Valid_ScenarioSeeds_GiveDistinctIds()
    {
        IdNumber[] ids = [Head, Spouse, Student, Worker, Neighbour, Stranger];

        Assert.Equal(ids.Length, ids.Select(i => i.Key).Distinct().Count());
    }

    /// <summary>A dibao household H1 in 天坛街道 receiving <paramref name="aid"/>: head, a student and a worker.</summary>
    private static RuleScenario DibaoFamily(AidType aid = AidType.None, AidCategory categories = AidCategory.Dibao) => new RuleScenario()
        .Household("H1", aid)
        .Member("H1", Head, HeadName, categories)
        .Member("H1", Student, StudentName, categories, relation: "子女")
        .Member("H1", Worker, WorkerName, categories, relation: "子女");

    private static Warning SingleOf(IReadOnlyList<Warning> warnings, string code) => Assert.Single(warnings, w => w.Code == code);
}
