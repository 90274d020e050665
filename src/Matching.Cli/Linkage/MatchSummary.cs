using System.Runtime.CompilerServices;
using Matching.Core.Linkage;
using Matching.Core.Localization;

namespace Matching.Cli.Linkage;

/// <summary>Counts of one matched file, for the operator.</summary>
internal sealed class MatchSummary
{
    private readonly long[] _byMethod = new long[Enum.GetValues<MatchMethod>().Length];

    public long Rows { get; private set; }

    public long Matched { get; private set; }

    public long Unmatched { get; private set; }

    public long Rejected { get; private set; }

    public long NameMismatches { get; private set; }

    /// <summary>The SHA-256 of the result CSV as written (lower-case hex), for the access audit; null until it is written whole.</summary>
    public string? ResultSha256 { get; set; }

    public long ByMethod(MatchMethod method) => _byMethod[(int)method];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(in MatchResult result)
    {
        Rows++;
        switch (result.Status)
        {
            case MatchStatus.Matched:
                Matched++;
                _byMethod[(int)result.Method]++;
                break;
            case MatchStatus.Unmatched:
                Unmatched++;
                if (result.Miss == MatchMiss.NameMismatch)
                {
                    NameMismatches++;
                }

                break;
            default:
                Rejected++;
                break;
        }
    }

    public string MethodsText()
    {
        var parts = new List<string>();
        foreach (var method in Enum.GetValues<MatchMethod>())
        {
            if (method != MatchMethod.None && _byMethod[(int)method] > 0)
            {
                parts.Add($"{MatchText.Of(method)} {_byMethod[(int)method]}");
            }
        }

        return parts.Count == 0 ? "-" : TextList.Join(parts);
    }
}
