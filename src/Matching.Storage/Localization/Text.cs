using System.Resources;
using Matching.Core.Localization;

[assembly: NeutralResourcesLanguage("zh-Hans")]

namespace Matching.Storage.Localization;

/// <summary>Storage's messages to an operator (<c>Messages.resx</c>: Chinese; <c>Messages.en.resx</c>: English).</summary>
internal static class Text
{
    private static readonly ResourceText Resources = new("Matching.Storage.Localization.Messages", typeof(Text).Assembly);

    public static string Get(string key) => Resources.Get(key);

    public static string Format(string key, params object?[] args) => Resources.Format(key, args);
}
