namespace Matching.Ingest.Rejects;

/// <summary>Why a row was not loaded. Bad data is a value, not an exception: the row is counted and reported.</summary>
public enum RejectReason
{
    /// <summary>The ID cell is empty.</summary>
    IdMissing,

    /// <summary>The ID cannot be made valid (length, characters, check character, birth date, province, Excel damage).</summary>
    IdInvalid,

    /// <summary>The same person appears twice in one household.</summary>
    DuplicateRow,

    /// <summary>A required cell is empty (household id, name).</summary>
    ValueMissing,

    /// <summary>A coded cell holds a value the configuration does not list (category, yes/no flag).</summary>
    ValueUnknown,

    /// <summary>A number cell does not hold a number.</summary>
    NumberInvalid,

    /// <summary>A typed cell (date, amount, yes/no) does not read as its type.</summary>
    ValueInvalid,

    /// <summary>The row has more cells than the header: a stray separator shifted it, so no cell can be trusted.</summary>
    TooManyCells,

    /// <summary>The row has neither an ID nor a name.</summary>
    NoIdOrName,
}
