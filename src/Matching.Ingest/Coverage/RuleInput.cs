using Matching.Core.Rules;

namespace Matching.Ingest.Coverage;

/// <summary>A field of a source's files that an enabled rule reads, and what the rule does with it.</summary>
/// <param name="Field">The header map's field name (<c>income</c>, <c>selfPaid</c>).</param>
/// <param name="Rule">The rule that reads it.</param>
/// <param name="Role">What the rule does with it.</param>
public sealed record RuleInput(string Field, RuleOptions Rule, RuleInputRole Role);
