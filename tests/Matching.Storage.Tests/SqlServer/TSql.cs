using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Matching.Storage.Tests.SqlServer;

/// <summary>
/// Parses T-SQL the way SQL Server would before running it: as SQL Server 2016 (the oldest version Matching supports)
/// and as the newest grammar ScriptDom knows, so that a statement must be valid on both. Syntax only: names are not
/// resolved, so a missing table or column is not an error here.
/// </summary>
internal static class TSql
{
    /// <summary>Every parse error in <paramref name="sql"/>, as "parser, line, column: message"; empty when it parses.</summary>
    public static IReadOnlyList<string> Errors(string sql)
    {
        var errors = new List<string>();
        foreach (var parser in Parsers())
        {
            using var reader = new StringReader(sql);
            parser.Parse(reader, out var found);
            errors.AddRange(found.Select(e => $"{parser.GetType().Name} line {e.Line}, column {e.Column}: {e.Message}"));
        }

        return errors;
    }

    /// <summary>Fails naming <paramref name="what"/>, each error and the statement when <paramref name="sql"/> does not parse.</summary>
    public static void AssertParses(string what, string sql)
    {
        var errors = Errors(sql);
        Assert.True(errors.Count == 0, $"{what} does not parse as T-SQL:\n  {string.Join("\n  ", errors)}\n--- statement ---\n{sql}");
    }

    /// <summary>The script's fragment tree (newest grammar), for tests that read what it declares.</summary>
    public static TSqlFragment Tree(string sql)
    {
        using var reader = new StringReader(sql);
        var tree = new TSql180Parser(initialQuotedIdentifiers: true).Parse(reader, out var errors);
        Assert.Empty(errors);
        return tree;
    }

    /// <summary>
    /// The string literals written without N'…' that hold characters outside ASCII: SQL Server turns such a literal
    /// into the database's code page first, so on a database whose collation is not Chinese '新增' arrives as '??'.
    /// </summary>
    public static IReadOnlyList<string> NarrowNonAsciiLiterals(string sql)
    {
        using var reader = new StringReader(sql);
        var tokens = new TSql180Parser(initialQuotedIdentifiers: true).GetTokenStream(reader, out _);
        return [.. tokens.Where(t => t.TokenType == TSqlTokenType.AsciiStringLiteral && t.Text.Any(c => c > '\x7f')).Select(t => t.Text)];
    }

    private static TSqlParser[] Parsers() => [new TSql130Parser(initialQuotedIdentifiers: true), new TSql180Parser(initialQuotedIdentifiers: true)];
}
