using Matching.Cli.Rules;
using Matching.Core.Tests.Rules;
using Matching.Ingest.HeaderMaps;

namespace Matching.Cli.Tests.Rules;

/// <summary>
/// The rule tests (Core) describe the departments in C#, since Core cannot read header maps: each description must be
/// what the shipped maps give the rules in a real run (<see cref="WarningRun.Departments"/>), or those tests would
/// test departments that do not ship.
/// </summary>
public sealed class ShippedDepartmentsTests
{
    [Fact]
    public void RuleTestDepartments_AsTheShippedHeaderMapsDescribeThem()
    {
        var shipped = WarningRun.Departments(HeaderMapCatalog.Load(HeaderMapCatalog.DefaultDirectory));

        Assert.Equal(shipped.Keys.Order(StringComparer.Ordinal), ShippedRules.Departments.Keys.Order(StringComparer.Ordinal));
        foreach (var (code, described) in ShippedRules.Departments)
        {
            var real = shipped[code];
            Assert.Equal((real.Label, real.Receiver, real.Kind, real.EventDateField), (described.Label, described.Receiver, described.Kind, described.EventDateField));
            foreach (var field in described.Layout.Fields)
            {
                Assert.True(real.Layout.TryGet(field.Name, out var actual), $"{code}.{field.Name} is not in the shipped header map");
                Assert.Equal((field.Type, field.Label), (actual.Type, actual.Label));
            }

            foreach (var (field, codes) in described.Codes)
            {
                Assert.Equal(codes.ToList(), real.Codes[field].ToList());
            }
        }
    }
}
