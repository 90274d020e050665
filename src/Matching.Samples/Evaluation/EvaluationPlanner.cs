using System.Globalization;
using Matching.Core.Identity;
using Matching.Samples.Damage;
using Matching.Samples.Extracts;
using Matching.Samples.Names;
using Matching.Samples.Population;

namespace Matching.Samples.Evaluation;

/// <summary>
/// Plans the rows of labelled.csv: about 40% low-income persons and 60% strangers; about 35% of the rows damaged,
/// over every kind of ID damage the sample uses (and certificate numbers of every form) plus the traps a fuzzy
/// matcher must survive (twin typos, strangers one typo from a member, strangers born the same day as a member,
/// written name variants, rare-character stand-ins, minority names' separators dropped or replaced either side,
/// clerks' annotations). Every row knows who it really is.
/// </summary>
internal sealed class EvaluationPlanner
{
    public const double LowIncomeShare = 0.40;
    public const double DamageShare = 0.35;

    private const double TwinTypoShare = 0.005;
    private const double NameVariantShare = 0.015;
    private const double RareCharShare = 0.01;
    private const double StrangerTypoShare = 0.01;
    private const double SameBirthShare = 0.01;
    private const double MismatchShare = 0.015;

    /// <summary>Rows per way of writing a minority name's separator (dropped, replaced, dropped by the database).</summary>
    private const double SeparatorShare = 0.004;
    private const double AnnotationShare = 0.005;

    /// <summary>Separator and annotation rows whose ID is also Excel-truncated (…000), for the fallback to weigh the name.</summary>
    private const double TruncatedNameShare = 0.3;

    /// <summary>Rows with the birth-date column filled; more for same-birth strangers, whose trap needs it.</summary>
    private const double BirthShare = 0.5;
    private const double SameBirthBirthShare = 0.75;

    /// <summary>Name variants whose ID is also Excel-damaged (the rest are clean).</summary>
    private const double ExcelVariantShare = 0.4;

    private const double NameNoiseShare = 0.03;

    // The sample extracts' mix, plus certificate numbers in every department here: 20 digits, 17 on an old ID,
    // Excel's scientific form of 20 digits; and IDs that lost their check character.
    private static readonly (DamageKind Kind, int Weight)[] Mix =
    [
        .. DamagePlanner.Mix, (DamageKind.Certificate, 8), (DamageKind.Certificate15, 4), (DamageKind.CertificateScientific, 4),
        (DamageKind.CheckCharLost, 3),
    ];

    private readonly SamplePopulation _population;
    private readonly IdAllocator _ids;
    private readonly Random _rng;
    private readonly StrangerFactory _strangers;
    private readonly NameGenerator _names;

    /// <summary>Members that are not twins, shuffled: the draw order of member rows and trap anchors.</summary>
    private readonly List<Person> _pool;

    /// <summary>Members that have a row.</summary>
    private readonly HashSet<Person> _used = [];

    public EvaluationPlanner(SamplePopulation population, IdAllocator ids, Random rng)
    {
        _population = population;
        _ids = ids;
        _rng = rng;
        _strangers = new StrangerFactory(ids);
        _names = new NameGenerator(rng);
        _pool = population.Active.Where(p => p.Twin is null).ToList();
        rng.ShuffleList(_pool);
    }

    public List<EvaluationRow> Plan(int total)
    {
        var rows = new List<EvaluationRow>(total);
        var members = (int)Math.Round(total * LowIncomeShare);
        AddTwinTypos(rows, Count(total, TwinTypoShare));
        // Minority names are rare: a tenth of the variants are their middle dots, the rest traditional characters.
        var variants = Count(total, NameVariantShare);
        var dotted = rows.Count;
        AddMembers(rows, Math.Max(1, variants / 10), NameVariants.IsMinority, NameVariant);
        AddMembers(rows, variants - (rows.Count - dotted), NameVariants.HasVariant, NameVariant);
        AddMembers(rows, Count(total, RareCharShare), NameVariants.CanStandIn, RareChar);
        AddMembers(rows, Count(total, SeparatorShare), NameVariants.IsMinority, SeparatorDropped);
        AddMembers(rows, Count(total, SeparatorShare), NameVariants.IsMinority, SeparatorReplaced);
        AddMembers(rows, Count(total, SeparatorShare), NameVariants.IsMinority, SeparatorDbDropped);
        AddMembers(rows, Count(total, AnnotationShare), _ => true, Annotated);
        AddMembers(rows, members - rows.Count, _ => true, (person, _) => new EvaluationRow(person, member: true));

        var traps = Count(total, StrangerTypoShare);
        for (var i = 0; i < traps; i++)
        {
            rows.Add(StrangerTypo());
        }

        traps = Count(total, SameBirthShare);
        for (var i = 0; i < traps; i++)
        {
            rows.Add(SameBirthStranger());
        }

        AddNameMismatches(rows, Count(total, MismatchShare));
        while (rows.Count < total)
        {
            rows.Add(new EvaluationRow(_strangers.Create(_rng, 0, 92), member: false));
        }

        PlanIdDamage(rows, (int)Math.Round(total * DamageShare) - rows.Count(r => !r.IsClean));
        foreach (var row in rows)
        {
            var sameBirth = string.Equals(row.Label, EvaluationLabels.SameBirthStranger, StringComparison.Ordinal);
            row.ShowsBirth = _rng.Chance(sameBirth ? SameBirthBirthShare : BirthShare);
            if (row.IsClean && !row.Locked && _rng.Chance(NameNoiseShare))
            {
                row.Name = NameNoise.Apply(row.Name, _rng);
            }
        }

        _rng.ShuffleList(rows);
        return rows;
    }

    private static int Count(int total, double share) => Math.Max(1, (int)Math.Round(total * share));

    /// <summary>
    /// One twin's ID with the last sequence digit turned into the other twin's: one slip from both, so only the
    /// name tells them apart. Every other pair also sends the other twin's clean row.
    /// </summary>
    private void AddTwinTypos(List<EvaluationRow> rows, int count)
    {
        var twins = _population.Twins;
        for (var i = 0; i < count && i < twins.Count; i++)
        {
            var (a, b) = twins[i];
            var (twin, other) = _rng.Chance(0.5) ? (a, b) : (b, a);
            _used.Add(twin);
            rows.Add(new EvaluationRow(twin, member: true)
            {
                Label = DamageKind.TwinTypo.Label(),
                IdCell = IdDamage.TwinTypo(twin.IdText, other.IdText, towardTwin: true, _rng),
            });
            if (i % 2 == 0 && _used.Add(other))
            {
                rows.Add(new EvaluationRow(other, member: true) { Locked = true });
            }
        }
    }

    private void AddMembers(List<EvaluationRow> rows, int count, Func<string, bool> eligible, Func<Person, Random, EvaluationRow> make)
    {
        foreach (var person in _pool)
        {
            if (count <= 0)
            {
                break;
            }

            if (_used.Contains(person) || !eligible(person.Name))
            {
                continue;
            }

            _used.Add(person);
            rows.Add(make(person, _rng));
            count--;
        }
    }

    /// <summary>A member's name in traditional characters or with another middle dot; the ID clean or Excel-damaged.</summary>
    private static EvaluationRow NameVariant(Person person, Random rng)
    {
        var row = new EvaluationRow(person, member: true)
        {
            Label = EvaluationLabels.NameVariant,
            Name = NameVariants.Variant(person.Name, rng),
        };
        if (rng.Chance(ExcelVariantShare))
        {
            row.IdCell = ExcelDamage(person, rng);
        }

        return row;
    }

    private static EvaluationRow RareChar(Person person, Random rng) => new(person, member: true)
    {
        Label = EvaluationLabels.RareChar,
        Name = NameVariants.StandIn(person.Name, rng),
    };

    /// <summary>The department's system dropped the separator: 阿依努尔艾山 for the database's 阿依努尔·艾山.</summary>
    private static EvaluationRow SeparatorDropped(Person person, Random rng) =>
        NameRow(person, DamageKind.SeparatorDropped, NameForms.WithoutSeparator(person.Name), rng);

    private static EvaluationRow SeparatorReplaced(Person person, Random rng) =>
        NameRow(person, DamageKind.SeparatorReplaced, NameForms.SeparatorReplaced(person.Name, rng), rng);

    /// <summary>The other way round: the database holds the name without its separator (written so), the row with it.</summary>
    private static EvaluationRow SeparatorDbDropped(Person person, Random rng)
    {
        var typed = rng.Chance(0.5) ? person.Name : NameVariants.Variant(person.Name, rng);
        person.Name = NameForms.WithoutSeparator(person.Name);
        return NameRow(person, DamageKind.SeparatorDbDropped, typed, rng);
    }

    private static EvaluationRow Annotated(Person person, Random rng) =>
        NameRow(person, DamageKind.Annotation, NameForms.Annotated(person.Name, rng), rng);

    /// <summary>A member's row with the name written <paramref name="name"/>; the ID clean, or Excel-truncated where it can be.</summary>
    private static EvaluationRow NameRow(Person person, DamageKind kind, string name, Random rng)
    {
        var row = new EvaluationRow(person, member: true) { Label = kind.Label(), Name = name };
        if (rng.Chance(TruncatedNameShare) && IdDamage.Applies(DamageKind.TruncatedZeros, person.Id, person.IdText))
        {
            row.IdCell = IdDamage.Render(DamageKind.TruncatedZeros, person.IdText, rng);
        }

        return row;
    }

    private static string ExcelDamage(Person person, Random rng)
    {
        var kind = rng.Chance(0.5) && IdDamage.Applies(DamageKind.TruncatedZeros, person.Id, person.IdText)
            ? DamageKind.TruncatedZeros
            : DamageKind.Scientific;
        return IdDamage.Render(kind, person.IdText, rng);
    }

    /// <summary>
    /// A stranger whose ID differs from a member's in one birth-day or sequence digit, written with that digit
    /// typed as the member's: the typo is one slip from the stranger's own ID (the digit) and from the member's
    /// (the check character), and the names differ.
    /// </summary>
    private EvaluationRow StrangerTypo()
    {
        Span<char> text = stackalloc char[IdNumber.Length];
        while (true)
        {
            var member = _pool[_rng.Next(_pool.Count)];
            var position = _rng.Chance(0.8) ? 14 + _rng.Next(3) : 12 + _rng.Next(2);
            var digit = (char)('0' + _rng.Next(10));
            if (digit == member.IdText[position])
            {
                continue;
            }

            member.IdText.AsSpan().CopyTo(text);
            text[position] = digit;
            var key = long.Parse(text[..17], NumberStyles.None, CultureInfo.InvariantCulture);
            if (!IdNumber.TryFromKey(key, out var id) || id.BirthDate > SampleDates.Reference || !_ids.TryClaim(key))
            {
                continue;
            }

            var stranger = new Person(DifferentName(member, id, sameSurname: _rng.Chance(0.3)), id);
            var typo = string.Concat(member.IdText.AsSpan(0, 17), stranger.IdText.AsSpan(17));
            if (typo.EndsWith("000", StringComparison.Ordinal))
            {
                _ids.Release(key);
                continue;
            }

            return new EvaluationRow(stranger, member: false) { Label = EvaluationLabels.StrangerTypo, IdCell = typo };
        }
    }

    /// <summary>
    /// A stranger born the same day in the same region as a member, with another name (half the time the same
    /// surname) and an ID that is Excel-damaged or missing: a trap for a name + birth-date fallback. A truncated
    /// ID keeps the member's first sequence digit, so even the 15 surviving digits agree.
    /// </summary>
    private EvaluationRow SameBirthStranger()
    {
        var member = _pool[_rng.Next(_pool.Count)];
        var kind = _rng.Next(3) switch
        {
            0 => DamageKind.Scientific,
            1 => DamageKind.TruncatedZeros,
            _ => DamageKind.Empty,
        };
        var male = _rng.Chance(0.5);
        IdNumber id = default;
        var claimed = false;
        for (var attempt = 0; attempt < 20 && !claimed; attempt++)
        {
            var sequence = (IdAllocator.SequenceOf(member.Id) / 100 * 100) + (_rng.Next(50) * 2) + (male ? 1 : 0);
            var key = IdAllocator.KeyOf(member.Id.RegionCode, member.Birth, sequence);
            if (sequence > 0 && _ids.TryClaim(key))
            {
                id = IdNumber.FromKey(key);
                claimed = true;
            }
        }

        if (!claimed)
        {
            id = _ids.Allocate(_rng, member.Id.RegionCode, member.Birth, male);
        }

        var stranger = new Person(DifferentName(member, id, sameSurname: _rng.Chance(0.5)), id);
        if (kind == DamageKind.TruncatedZeros && !IdDamage.Applies(kind, id, stranger.IdText))
        {
            kind = DamageKind.Scientific;
        }

        return new EvaluationRow(stranger, member: false)
        {
            Label = EvaluationLabels.SameBirthStranger,
            IdCell = IdDamage.Render(kind, stranger.IdText, _rng),
        };
    }

    /// <summary>Strangers whose row carries a member's valid ID (a member who has no row of their own).</summary>
    private void AddNameMismatches(List<EvaluationRow> rows, int count)
    {
        var owners = _pool.Where(p => !_used.Contains(p)).ToList();
        while (count > 0 && owners.Count > 0)
        {
            var stranger = _strangers.Create(_rng, 18, 80);
            var index = _rng.Next(owners.Count);
            var owner = owners[index];
            if (PersonName.Agree(owner.Name, stranger.Name))
            {
                continue;
            }

            owners[index] = owners[^1];
            owners.RemoveAt(owners.Count - 1);
            rows.Add(new EvaluationRow(stranger, member: false)
            {
                Label = DamageKind.NameMismatch.Label(),
                IdCell = owner.IdText,
            });
            count--;
        }
    }

    private string DifferentName(Person member, IdNumber id, bool sameSurname)
    {
        var surname = sameSurname ? NameGenerator.SurnameOf(member.Name) : null;
        while (true)
        {
            var name = _names.Full(id.IsMale, id.BirthDate.Year, surname);
            if (!PersonName.Agree(name, member.Name))
            {
                return name;
            }
        }
    }

    /// <summary>
    /// Damages the ID cells of clean rows until about <paramref name="target"/> more rows are damaged, every kind at
    /// least once and only on rows it applies to (an x only where the check character is X, …).
    /// </summary>
    private void PlanIdDamage(List<EvaluationRow> rows, int target)
    {
        if (target <= 0)
        {
            return;
        }

        var totalWeight = Mix.Sum(m => m.Weight);
        var candidates = new List<EvaluationRow>();
        foreach (var (kind, weight) in Mix)
        {
            var quota = Math.Max(1, (int)Math.Round(target * (double)weight / totalWeight));
            candidates.Clear();
            foreach (var row in rows)
            {
                if (row.IsClean && !row.Locked && IdDamage.Applies(kind, row.Subject.Id, row.Subject.IdText))
                {
                    candidates.Add(row);
                }
            }

            // A partial Fisher-Yates: the first quota candidates after it are a uniform random choice.
            for (var i = 0; i < quota && i < candidates.Count; i++)
            {
                var j = _rng.Next(i, candidates.Count);
                (candidates[i], candidates[j]) = (candidates[j], candidates[i]);
                var row = candidates[i];
                row.Label = kind.Label();
                row.IdCell = IdDamage.Render(kind, row.Subject.IdText, _rng);
            }
        }
    }
}
