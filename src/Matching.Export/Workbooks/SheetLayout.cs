namespace Matching.Export.Workbooks;

/// <summary>
/// How one sheet is laid out and printed. A table sheet (<see cref="Headers"/> given) has title lines above its
/// header row, the header frozen, filtered and repeated on every printed page, and its data rows below; a free sheet
/// (no headers: 填写说明, 汇总) is rows of text and small tables. Every sheet prints landscape, one page wide, with
/// page numbers.
/// </summary>
public sealed record SheetLayout
{
    /// <value>The table's column headers; empty for a free sheet.</value>
    public IReadOnlyList<string> Headers { get; init; } = [];

    /// <value>Column widths in characters, from column A.</value>
    public IReadOnlyList<double> Widths { get; init; } = [];

    /// <value>Lines above the header row (a title, the counts), each merged across the printed columns.</value>
    public IReadOnlyList<string> Title { get; init; } = [];

    /// <value>Columns (0-based) a department fills in: highlighted, and left editable on a protected sheet.</value>
    public IReadOnlySet<int> FillIn { get; init; } = new HashSet<int>();

    /// <value>Columns (0-based) whose text wraps within the column width.</value>
    public IReadOnlySet<int> Wrap { get; init; } = new HashSet<int>();

    /// <value>How many columns from A print (a print area); 0: every column.</value>
    public int PrintColumns { get; init; }

    /// <value>Text at the top of every printed page (the receiver and date), or null.</value>
    public string? PageHeader { get; init; }

    /// <value>
    /// Protect the sheet: title and header cells are locked; a table's data cells stay editable, so filtering,
    /// sorting and deleting rows work (Excel refuses to sort a range that holds locked cells). No password: it
    /// guards against slips, it is no security.
    /// </value>
    public bool Protect { get; init; }

    /// <value>A dropdown list (data validation) on one column's data rows, or null.</value>
    public SheetDropdown? Dropdown { get; init; }

    /// <value>The line a table shows instead of data rows when it has none (an empty list prints one page saying so).</value>
    public string? EmptyText { get; init; }

    /// <summary>Whether this is a table sheet.</summary>
    public bool IsTable => Headers.Count > 0;

    /// <summary>The columns a printed page holds.</summary>
    public int PrintedColumns => PrintColumns > 0 ? PrintColumns : Math.Max(Headers.Count, Widths.Count);
}

/// <summary>A list of allowed values offered in a column's cells (Excel's and WPS's data validation dropdown).</summary>
/// <param name="Column">The column (0-based).</param>
/// <param name="Values">The values offered, in order.</param>
/// <param name="Message">What a cell outside the list is told (the entry is allowed, with this warning).</param>
public sealed record SheetDropdown(int Column, IReadOnlyList<string> Values, string Message);
