using Matching.Core.Population;

namespace Matching.Storage;

public sealed partial class MatchingStore
{
    /// <summary>Reads every active member into an in-memory index for one matching run.</summary>
    public async Task<PopulationIndex> LoadPopulationAsync(CancellationToken cancellationToken)
    {
        await RequireSchemaAsync(cancellationToken);
        var keys = new List<long>();
        var names = new List<string>();
        var households = new List<string>();
        await using var command = _connection.CreateCommand();
        command.CommandText = "SELECT id_key, name, household_id FROM member WHERE active = 1";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(reader.GetInt64(0));
            names.Add(reader.GetString(1));
            households.Add(reader.GetString(2));
        }

        return new PopulationIndex([.. keys], [.. names], [.. households]);
    }
}
