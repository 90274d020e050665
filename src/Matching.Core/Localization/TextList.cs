namespace Matching.Core.Localization;

/// <summary>
/// A list inside a message to an operator, written as the current language writes one: <c>学校、年级</c> in Chinese,
/// <c>school, grade</c> in English. Every library's messages join their lists here, so that no message mixes the two.
/// </summary>
public static class TextList
{
    /// <summary>The separator between two items of a list in the current language.</summary>
    public static string Separator => Text.Get("ListSeparator");

    /// <summary><paramref name="items"/> as one list in the current language.</summary>
    public static string Join(IEnumerable<string> items) => string.Join(Separator, items);
}
