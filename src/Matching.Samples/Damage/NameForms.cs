using Matching.Samples.Names;

namespace Matching.Samples.Damage;

/// <summary>
/// Names as department extracts carry them (and sometimes the civil-affairs database too): a minority name's
/// separator dropped by a system that cannot store it or typed otherwise, and a clerk's note after a name.
/// </summary>
internal static class NameForms
{
    /// <summary>What else departments type for the separator: a space, a dash, a full-width stop.</summary>
    private static readonly string[] Separators = [" ", "\u3000", "-", "－", "—", "．"];

    /// <summary>Clerks' notes after a name: status, relation, a number or * telling duplicate entries apart.</summary>
    private static readonly string[] Annotations = ["（已故）", "(已故)", "（户主）", "(户主)", "（重复）", "（已迁出）", "2", "3", "２", "*", "**"];

    /// <summary>True for a minority name 本名·父名.</summary>
    public static bool IsMinority(string name) => name.Contains(NameData.MiddleDot, StringComparison.Ordinal);

    /// <summary>A minority name as a system that cannot store the middle dot keeps it: 阿依努尔艾山.</summary>
    public static string WithoutSeparator(string name) => name.Replace(NameData.MiddleDot, string.Empty, StringComparison.Ordinal);

    /// <summary>A minority name with its separator typed as a space, a dash or a full-width stop.</summary>
    public static string SeparatorReplaced(string name, Random rng) =>
        name.Replace(NameData.MiddleDot, rng.Pick(Separators), StringComparison.Ordinal);

    /// <summary>The name with a clerk's note after it: 张三（已故）, 李四(户主), 王芳2, 王芳*.</summary>
    public static string Annotated(string name, Random rng) => name.TrimEnd() + rng.Pick(Annotations);
}
