using Dapper;
using Matching.Core.Rules;

namespace Matching.Storage;

/// <summary>
/// A <see cref="WarningStatus"/> at the SQL edge: the database stores the status's word (新增 …); a query reads it
/// back as its number (<see cref="Column"/>, which Dapper maps onto the enum; Dapper maps no word onto one) and
/// filters on the words as parameters (a literal '新增' is narrow text on SQL Server and becomes '??' under a Latin
/// collation).
/// </summary>
internal static class WarningStatusSql
{
    /// <summary>The <c>status</c> column of <c>warning</c> or <c>warning_event</c> as the enum's number; 255 for a word that is none.</summary>
    public static readonly string Column = "CASE status " + string.Concat(WarningStatusText.All.Select(s => $"WHEN @{Parameter(s)} THEN {(int)s} ")) + "ELSE 255 END";

    /// <summary><c>status IN (新增, 持续)</c>.</summary>
    public static readonly string IsOpen = $"status IN (@{Parameter(WarningStatus.New)}, @{Parameter(WarningStatus.Continuing)})";

    /// <summary>The query's own parameters, and each status's word as <c>@status_…</c>.</summary>
    public static DynamicParameters With(object values)
    {
        var parameters = new DynamicParameters(values);
        foreach (var status in WarningStatusText.All)
        {
            parameters.Add(Parameter(status), status.Text());
        }

        return parameters;
    }

    private static string Parameter(WarningStatus status) => "status_" + status.ToString().ToLowerInvariant();
}
