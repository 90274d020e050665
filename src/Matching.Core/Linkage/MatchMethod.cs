namespace Matching.Core.Linkage;

/// <summary>How a row was matched (CONTRACT: <c>method</c>).</summary>
public enum MatchMethod : byte
{
    None,

    /// <summary>The ID was canonical as typed.</summary>
    Exact,

    /// <summary>The ID needed cleaning: spaces, full-width digits, lowercase x, apostrophe, <c>.0</c>, certificate number.</summary>
    Normalized,

    /// <summary>An old 15-digit ID, upgraded to 18.</summary>
    Upgraded15,

    /// <summary>An invalid ID whose only correction in the database has the same name.</summary>
    Corrected,

    /// <summary>No usable ID: found by name and birth date (the matching issue adds it).</summary>
    NameBirthdate,
}
