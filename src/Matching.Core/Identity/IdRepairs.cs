namespace Matching.Core.Identity;

/// <summary>What normalising a raw cell had to change to read it as an ID.</summary>
[Flags]
public enum IdRepairs : byte
{
    None = 0,

    /// <summary>Leading, trailing or inner whitespace (also U+3000) was removed.</summary>
    Whitespace = 1,

    /// <summary>Full-width digits or Ｘ were folded to ASCII.</summary>
    FullWidth = 2,

    /// <summary>A lowercase x check character was upper-cased.</summary>
    LowercaseX = 4,

    /// <summary>A leading apostrophe (Excel's text marker) was dropped.</summary>
    Apostrophe = 8,

    /// <summary>A trailing <c>.0</c> from a number cell was dropped.</summary>
    TrailingDecimal = 16,
}
