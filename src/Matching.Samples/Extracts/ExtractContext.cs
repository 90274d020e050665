using Matching.Core.Identity;
using Matching.Samples.Damage;
using Matching.Samples.Population;

namespace Matching.Samples.Extracts;

/// <summary>
/// What building one extract needs: its own random source, the population to draw members from, strangers,
/// the twin typos planned for it; and the finishing steps all extracts share (shuffle, damage, name noise).
/// </summary>
internal sealed class ExtractContext(
    SamplePopulation population, StrangerFactory strangers, Random rng, double scale, List<TwinTypo> twinTypos)
{
    /// <summary>Share of rows whose subject is a low-income member.</summary>
    public const double LowIncomeShare = 0.55;

    private const double DamageShare = 0.25;
    private const double MismatchShare = 0.015;
    private const double NameNoiseShare = 0.04;
    private const double CertificateShare = 0.8;

    private readonly HashSet<Person> _used = [];

    public Random Rng { get; } = rng;

    public SamplePopulation Population { get; } = population;

    public StrangerFactory Strangers { get; } = strangers;

    /// <summary>A row count for 3,000 households, scaled to the population generated.</summary>
    public int Scaled(int count) => Math.Max(60, (int)Math.Round(count * scale));

    public IEnumerable<TwinTypo> TwinTyposFor(string department) =>
        twinTypos.Where(t => string.Equals(t.Department, department, StringComparison.Ordinal));

    /// <summary>Marks a person as having a row in this file, so no draw picks them again.</summary>
    public bool Use(Person person) => _used.Add(person);

    /// <summary>
    /// Draws up to <paramref name="count"/> active members not used yet, a share of them from those
    /// <paramref name="preferred"/> (the ill for the illness list: the two registers mostly agree).
    /// </summary>
    public List<Person> PickLowIncome(int count, Func<Person, bool> eligible, Func<Person, bool>? preferred = null, double share = 0)
    {
        var pool = Population.Active.Where(p => !_used.Contains(p) && eligible(p)).ToList();
        Rng.ShuffleList(pool);
        var picked = new List<Person>(count);
        if (preferred is not null)
        {
            picked.AddRange(pool.Where(preferred).Take((int)Math.Round(count * share)));
            _used.UnionWith(picked);
        }

        foreach (var person in pool)
        {
            if (picked.Count >= count)
            {
                break;
            }

            if (_used.Add(person))
            {
                picked.Add(person);
            }
        }

        return picked;
    }

    /// <summary>
    /// Shuffles the rows, then gives a few stranger rows a member's ID (name mismatch), damages about a quarter
    /// of the ID cells, and adds harmless noise to a few names whose ID stayed clean.
    /// </summary>
    public void Finish(List<ExtractRow> rows, Func<Person, bool> borrowable, bool certificates = false)
    {
        Rng.ShuffleList(rows);
        MarkNameMismatches(rows, borrowable);
        DamagePlanner.Plan(rows, Rng, DamageShare);
        foreach (var row in rows)
        {
            switch (row.Damage)
            {
                case DamageKind.None:
                    if (certificates && row.CertificateSuffix is not null && Rng.Chance(CertificateShare))
                    {
                        row.Damage = DamageKind.Certificate;
                        row.IdCell = row.Subject.IdText + row.CertificateSuffix;
                    }

                    if (Rng.Chance(NameNoiseShare))
                    {
                        row.Name = NameNoise.Apply(row.Name, Rng);
                    }

                    break;
                case DamageKind.TwinTypo:
                    row.IdCell = IdDamage.TwinTypo(row.Subject.IdText, row.Subject.Twin!.IdText, row.Typo?.TowardTwin ?? false, Rng);
                    break;
                case DamageKind.NameMismatch:
                    break;
                default:
                    row.IdCell = IdDamage.Render(row.Damage, row.Subject.IdText, Rng);
                    break;
            }
        }
    }

    private void MarkNameMismatches(List<ExtractRow> rows, Func<Person, bool> borrowable)
    {
        var owners = Population.Active.Where(p => !_used.Contains(p) && borrowable(p)).ToList();
        var count = Math.Max(2, (int)Math.Round(rows.Count * MismatchShare));
        foreach (var row in rows)
        {
            if (count == 0 || owners.Count == 0)
            {
                break;
            }

            if (!row.IsStranger || row.Damage != DamageKind.None)
            {
                continue;
            }

            var owner = owners[Rng.Next(owners.Count)];
            if (PersonName.Agree(owner.Name, row.Subject.Name))
            {
                continue;
            }

            owners.Remove(owner);
            row.Damage = DamageKind.NameMismatch;
            row.IdCell = owner.IdText;
            count--;
        }
    }
}
