using AidType = Matching.Core.Population.AidType;

namespace Matching.Samples.Population;

/// <summary>
/// The flags and figures of a household: illness and disability per member, income, housing, support mode and
/// the aid already received, at rates that leave realistic gaps for the warning rules to find.
/// </summary>
internal static class HouseholdTraits
{
    public static void Fill(Random rng, SampleHousehold household, bool tekun)
    {
        var students = false;
        var workingAge = false;
        var ill = false;
        var disabled = false;
        foreach (var member in household.Members)
        {
            var person = member.Person;
            var age = person.Age;
            person.SeriousIllness = rng.Chance(tekun ? 0.2 : age >= 60 ? 0.11 : 0.06);
            person.SevereDisability = rng.Chance(tekun && age < 60 ? 0.3 : 0.05);
            students |= age is >= 6 and <= 22;
            workingAge |= age is >= 18 and <= 60;
            ill |= person.SeriousIllness;
            disabled |= person.SevereDisability;
        }

        var size = household.Members.Count;
        var perCapita = household.Category switch
        {
            "特困" => rng.Next(1200, 4001),
            "低保" => rng.Next(2400, 6001),
            _ => rng.Next(3000, 9601),
        };
        household.Income = Math.Round(perCapita * size / 100m) * 100m;
        household.HousingDifficulty = rng.Chance(!Matching.Core.Population.Areas.IsTown(household.Area) ? 0.10 : 0.18);
        if (tekun)
        {
            household.SupportMode = rng.Chance(0.3) ? "集中" : "分散";
        }

        var aid = AidType.None;
        aid |= rng.Chance(ill ? 0.55 : 0.15) ? AidType.Medical : AidType.None;
        aid |= students && rng.Chance(0.5) ? AidType.Education : AidType.None;
        aid |= workingAge && rng.Chance(0.15) ? AidType.Employment : AidType.None;
        aid |= rng.Chance(household.HousingDifficulty ? 0.45 : 0.03) ? AidType.Housing : AidType.None;
        aid |= rng.Chance(disabled ? 0.65 : 0.01) ? AidType.DisabilitySubsidy : AidType.None;
        aid |= rng.Chance(0.08) ? AidType.Temporary : AidType.None;
        household.Aid = aid;
    }
}
