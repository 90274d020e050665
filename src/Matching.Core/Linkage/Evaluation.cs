namespace Matching.Core.Linkage;

/// <summary>
/// Precision, recall and F1 of matching against known truth, by damage kind and by method. A row's truth is the
/// low-income person it really is, or none. A match to the true person is right; any other match is wrong; a row
/// whose person is in the database and that was not matched is missed.
/// </summary>
public sealed class Evaluation
{
    /// <summary>The confidence from which results are meant to be trusted without review.</summary>
    public const double HighConfidence = 0.9;

    private readonly SortedDictionary<string, Tally> _byDamage = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, Tally> _byMethod = new(StringComparer.Ordinal);

    public Tally Overall { get; } = new();

    /// <summary>Rows that carry enough to be found at all (<see cref="Matcher.IsFindable"/>).</summary>
    public Tally Findable { get; } = new();

    /// <summary>Matches with confidence at or above <see cref="HighConfidence"/>.</summary>
    public Tally HighConfidenceTally { get; } = new();

    public IReadOnlyDictionary<string, Tally> ByDamage => _byDamage;

    public IReadOnlyDictionary<string, Tally> ByMethod => _byMethod;

    /// <param name="damage">The row's damage kind ("" when the file does not say).</param>
    /// <param name="result">What the matcher said.</param>
    /// <param name="matchedKey">The matched person's key, when matched.</param>
    /// <param name="truthKey">The true person's key when that person is in the database, else null.</param>
    /// <param name="findable">Whether the row carries enough to be found (an ID or its digits, or a birth date).</param>
    public void Add(string damage, in MatchResult result, long? matchedKey, long? truthKey, bool findable = true)
    {
        ArgumentNullException.ThrowIfNull(damage);
        var outcome = !result.IsMatched ? (truthKey is null ? Outcome.RightlyUnmatched : Outcome.Missed)
            : matchedKey == truthKey ? Outcome.Right : Outcome.Wrong;
        Overall.Add(outcome, truthKey is not null);
        if (findable)
        {
            Findable.Add(outcome, truthKey is not null);
        }

        Get(_byDamage, damage.Length == 0 ? "(none given)" : damage).Add(outcome, truthKey is not null);
        if (result.IsMatched)
        {
            Get(_byMethod, MatchText.Of(result.Method)).Add(outcome, truthKey is not null);
            if (result.Confidence >= HighConfidence)
            {
                HighConfidenceTally.Add(outcome, truthKey is not null);
            }
        }
    }

    private static Tally Get(SortedDictionary<string, Tally> tallies, string key)
    {
        if (!tallies.TryGetValue(key, out var tally))
        {
            tally = new Tally();
            tallies[key] = tally;
        }

        return tally;
    }

    public enum Outcome
    {
        Right,
        Wrong,
        Missed,
        RightlyUnmatched,
    }

    /// <summary>Counts of one slice of rows.</summary>
    public sealed class Tally
    {
        public long Rows { get; private set; }

        /// <summary>Rows whose person is in the database.</summary>
        public long Present { get; private set; }

        public long Right { get; private set; }

        public long Wrong { get; private set; }

        public long Missed { get; private set; }

        /// <summary>Right matches among all matches (1 when nothing was matched).</summary>
        public double Precision => Right + Wrong == 0 ? 1 : (double)Right / (Right + Wrong);

        /// <summary>Right matches among rows whose person is in the database (1 when there are none).</summary>
        public double Recall => Present == 0 ? 1 : (double)Right / Present;

        public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

        internal void Add(Outcome outcome, bool present)
        {
            Rows++;
            if (present)
            {
                Present++;
            }

            switch (outcome)
            {
                case Outcome.Right:
                    Right++;
                    break;
                case Outcome.Wrong:
                    Wrong++;
                    break;
                case Outcome.Missed:
                    Missed++;
                    break;
                default:
                    break;
            }
        }
    }
}
