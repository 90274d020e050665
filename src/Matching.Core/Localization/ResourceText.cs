using System.Globalization;
using System.Reflection;
using System.Resources;

namespace Matching.Core.Localization;

/// <summary>
/// One assembly's messages to an operator: Chinese in its neutral resources (<c>Messages.resx</c>), English in
/// <c>Messages.en.resx</c>, chosen by <see cref="CultureInfo.CurrentUICulture"/> when the message is made (the command
/// sets it from <c>--lang</c> / <c>MATCHING_LANG</c>; the worker for every thread it starts). Each library keeps its
/// own resources and an internal <c>Text</c> over one of these; tests assert on keys or on both languages.
/// </summary>
public sealed class ResourceText
{
    private readonly ResourceManager _resources;

    /// <param name="baseName">The resources' root name, e.g. <c>Matching.Ingest.Localization.Messages</c>.</param>
    /// <param name="assembly">The assembly that embeds them.</param>
    public ResourceText(string baseName, Assembly assembly)
    {
        _resources = new ResourceManager(baseName, assembly);
    }

    /// <summary>The message <paramref name="key"/> in the current language.</summary>
    /// <exception cref="InvalidOperationException">No such message: a programming error, caught by the resource tests.</exception>
    public string Get(string key) =>
        _resources.GetString(key, CultureInfo.CurrentUICulture) ?? throw new InvalidOperationException($"no message '{key}'");

    /// <summary>The message <paramref name="key"/> with its placeholders filled, numbers written invariantly.</summary>
    public string Format(string key, params object?[] args) => string.Format(CultureInfo.InvariantCulture, Get(key), args);
}
