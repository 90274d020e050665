using System.Globalization;
using Matching.Core.Identity;
using Matching.Samples.Names;

namespace Matching.Samples.Population;

/// <summary>
/// Makes one plausible household: a head, maybe a spouse, then children, grandchildren, parents or others, with
/// birth dates that fit the relations (children 20-42 years younger than the head), a category, income and flags.
/// </summary>
internal sealed class HouseholdFactory(Random rng, Places places, IdAllocator ids, NameGenerator names)
{
    private static readonly string[] Categories = ["低保", "特困", "防返贫", "低保边缘", "刚性支出", "其他"];
    private static readonly int[] CategoryWeights = [55, 12, 12, 10, 6, 5];
    private static readonly int[] SizeWeights = [25, 25, 20, 15, 10, 5];

    public SampleHousehold Create(int serial)
    {
        var area = Places.RandomArea(rng);
        var category = Categories[rng.Weighted(CategoryWeights)];
        var id = string.Create(CultureInfo.InvariantCulture, $"JY{rng.Next(2019, 2026)}{serial:D6}");
        var household = new SampleHousehold(id, area, places.RandomVillage(rng, area), category);
        var size = Size(category);
        var minority = rng.Chance(0.004);

        var tekun = category == "特困";
        var head = AddHead(household, tekun, minority);
        var familyName = NameGenerator.SurnameOf(head.Name) ?? string.Empty;
        if (size > 1 && rng.Chance(head.Age < 75 ? 0.8 : 0.5))
        {
            var spouse = AddSpouse(household, head, minority);
            if (!head.IsMale && !minority && rng.Chance(0.7))
            {
                familyName = NameGenerator.SurnameOf(spouse.Name) ?? familyName;
            }
        }

        // A drawn relative who would be implausibly old is skipped; a few tries fill the household.
        for (var attempt = 0; attempt < 10 && household.Members.Count < size; attempt++)
        {
            AddRelative(household, head, familyName, minority);
        }

        HouseholdTraits.Fill(rng, household, tekun);
        return household;
    }

    private int Size(string category) => category switch
    {
        "特困" => rng.Chance(0.9) ? 1 : 2,
        "防返贫" or "低保边缘" or "刚性支出" => rng.Next(2, 7),
        _ => rng.Weighted(SizeWeights) + 1,
    };

    private Person AddHead(SampleHousehold household, bool tekun, bool minority)
    {
        var birth = tekun
            ? (rng.Chance(0.75) ? SampleDates.BirthForAge(rng, 60, 92) : SampleDates.BirthForAge(rng, 25, 59))
            : SampleDates.BirthForAge(rng, 28, 82);
        var male = rng.Chance(tekun ? 0.55 : 0.65);
        var name = minority ? names.Minority(male) : names.Full(male, birth.Year);
        return Add(household, "户主", name, birth, male);
    }

    private Person AddSpouse(SampleHousehold household, Person head, bool minority)
    {
        var birth = head.IsMale
            ? rng.Date(head.Birth.AddYears(-3), head.Birth.AddYears(6))
            : rng.Date(head.Birth.AddYears(-6), head.Birth.AddYears(3));
        var adult = SampleDates.Reference.AddYears(-20);
        if (birth > adult)
        {
            birth = adult;
        }

        var male = !head.IsMale;
        var name = minority ? names.Minority(male) : names.Full(male, birth.Year);
        return Add(household, "配偶", name, birth, male);
    }

    /// <summary>Adds a child, grandchild, parent or other relative that fits the head's age; false when it did not.</summary>
    private bool AddRelative(SampleHousehold household, Person head, string familyName, bool minority)
    {
        var age = head.Age;
        var parents = household.Members.Count(m => m.Relation == "父母");
        Span<int> weights =
        [
            age >= 21 ? 60 : 0,                      // 子女
            age >= 45 ? (age >= 55 ? 30 : 5) : 0,    // 孙子女
            age <= 68 && parents < 2 ? 10 : 0,       // 父母
            5,                                       // 其他
        ];
        var male = rng.Chance(0.5);
        var (relation, birth) = rng.Weighted(weights) switch
        {
            0 => ("子女", SampleDates.BirthAfter(rng, head.Birth, 20, 42)),
            1 => ("孙子女", SampleDates.BirthAfter(rng, head.Birth, 42, 65)),
            2 => ("父母", rng.Date(head.Birth.AddYears(-35), head.Birth.AddYears(-20))),
            _ => ("其他", SampleDates.BirthAfter(rng, head.Birth.AddYears(-10), 0, 20)),
        };
        if (SampleDates.Age(birth) > 98)
        {
            return false;
        }

        string name;
        if (minority)
        {
            var father = relation is "子女" or "孙子女" ? FatherPart(household) : null;
            name = names.Minority(male, father);
        }
        else
        {
            var keepSurname = relation == "其他" || (relation == "父母" ? male && head.IsMale : rng.Chance(0.9));
            name = names.Full(male, birth.Year, keepSurname ? familyName : null);
        }

        Add(household, relation, name, birth, male);
        return true;
    }

    private static string? FatherPart(SampleHousehold household)
    {
        foreach (var member in household.Members)
        {
            if (member.Person.IsMale && member.Relation is "户主" or "配偶")
            {
                return NameGenerator.OwnPart(member.Person.Name);
            }
        }

        return null;
    }

    private Person Add(SampleHousehold household, string relation, string name, DateOnly birth, bool male)
    {
        IdNumber id = ids.Allocate(rng, IdAllocator.RegionFor(rng, birth), birth, male);
        var person = new Person(name, id) { Household = household };
        household.Members.Add(new SampleMember(person, relation));
        return person;
    }
}
