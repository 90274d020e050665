using Matching.Core.Identity;
using Matching.Samples.Names;

namespace Matching.Samples.Population;

/// <summary>
/// The deliberate oddities of the population: twins (IDs one sequence apart, which a fuzzy match must never
/// merge), persons in two households or under exclusive categories (DUPLICATE_AID), and rows with an invalid ID.
/// </summary>
internal sealed class SpecialCases(Random rng, IdAllocator ids, NameGenerator names, List<SampleHousehold> households)
{
    /// <summary>Makes <paramref name="pairs"/> twin pairs, preferring school-age children (so they reach extracts).</summary>
    public List<(Person A, Person B)> MakeTwins(int pairs)
    {
        var schoolAge = new List<(Person, Person)>();
        var others = new List<(Person, Person)>();
        foreach (var household in households)
        {
            var children = household.Members
                .Where(m => m.Relation is "子女" or "孙子女" && !m.Person.IsSpecial)
                .Select(m => m.Person)
                .ToList();
            if (children.Count >= 2)
            {
                (children[0].Age is >= 4 and <= 20 ? schoolAge : others).Add((children[0], children[1]));
            }
        }

        rng.ShuffleList(schoolAge);
        rng.ShuffleList(others);
        var twins = new List<(Person A, Person B)>();
        foreach (var (a, b) in schoolAge.Concat(others))
        {
            if (twins.Count == pairs)
            {
                break;
            }

            if (TryMakeTwins(a, b))
            {
                twins.Add((a, b));
            }
        }

        return twins;
    }

    /// <summary>Three elderly persons also listed as 父母 in a second household; two 特困 persons also under 低保.</summary>
    public void MakeDuplicateAid()
    {
        var elders = households
            .SelectMany(h => h.Members)
            .Where(m => m.Relation == "父母" && m.Person.Age >= 60 && !m.Person.IsSpecial)
            .ToList();
        var added = 0;
        while (added < 3 && elders.Count > 0)
        {
            var member = elders[rng.Next(elders.Count)];
            elders.Remove(member);
            var person = member.Person;
            var target = households[rng.Next(households.Count)];
            if (target == person.Household || target.Members.Count >= 6)
            {
                continue;
            }

            var relation = target.Head.Age <= person.Age - 20 ? "父母" : "其他";
            target.Members.Add(new SampleMember(person, relation));
            person.IsSpecial = true;
            added++;
        }

        var singles = households.Where(h => h.Category == "特困" && h.Members.Count == 1).ToList();
        for (var i = 0; i < 2 && singles.Count > 0; i++)
        {
            var household = singles[rng.Next(singles.Count)];
            singles.Remove(household);
            household.Category = "低保、特困";
            household.Head.IsSpecial = true;
        }
    }

    /// <summary>Gives <paramref name="count"/> rows a wrong check character: the importer must reject them.</summary>
    public void MakeInvalidIds(int count)
    {
        var made = 0;
        while (made < count)
        {
            var household = households[rng.Next(households.Count)];
            var member = household.Members[rng.Next(household.Members.Count)];
            var person = member.Person;
            if (person.IsSpecial || person.Twin is not null || member.BadId is not null)
            {
                continue;
            }

            var text = person.IdText;
            char wrong;
            do
            {
                wrong = "0123456789X"[rng.Next(11)];
            }
            while (wrong == text[17] || (wrong == '0' && text[15..17] == "00")); // "…000" would read as Excel damage

            member.BadId = string.Concat(text.AsSpan(0, 17), new string(wrong, 1));
            person.IsSpecial = true;
            made++;
        }
    }

    private bool TryMakeTwins(Person a, Person b)
    {
        // Sequences s and s+1 with s not ending in 9, so the two IDs differ in the last sequence digit only.
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var sequence = (rng.Next(0, 100) * 10) + rng.Next(1, 9);
            var keyA = IdAllocator.KeyOf(a.Id.RegionCode, a.Birth, sequence);
            var keyB = keyA + 1;
            if (!ids.TryClaim(keyA))
            {
                continue;
            }

            if (!ids.TryClaim(keyB))
            {
                ids.Release(keyA);
                continue;
            }

            ids.Release(a.Id.Key);
            ids.Release(b.Id.Key);
            a.Id = IdNumber.FromKey(keyA);
            b.Id = IdNumber.FromKey(keyB);
            Rename(a, b);
            a.Twin = b;
            b.Twin = a;
            return true;
        }

        return false;
    }

    /// <summary>Twins share the family name; their given names follow their (new) sex and differ.</summary>
    private void Rename(Person a, Person b)
    {
        var father = a.Name.Contains(NameData.MiddleDot, StringComparison.Ordinal)
            ? a.Name[(a.Name.IndexOf(NameData.MiddleDot, StringComparison.Ordinal) + 1)..]
            : null;
        var surname = NameGenerator.SurnameOf(a.Name);
        do
        {
            a.Name = father is not null ? names.Minority(a.IsMale, father) : names.Full(a.IsMale, a.Birth.Year, surname);
            b.Name = father is not null ? names.Minority(b.IsMale, father) : names.Full(b.IsMale, b.Birth.Year, surname);
        }
        while (string.Equals(a.Name, b.Name, StringComparison.Ordinal));
    }
}
