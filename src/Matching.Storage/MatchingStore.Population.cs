using Dapper;
using Matching.Core.Population;

namespace Matching.Storage;

public sealed partial class MatchingStore
{
    /// <summary>
    /// Reads every active member into an in-memory index for one matching run: keys and names in arrays sized
    /// from a count first (no growing and copying), household ids only when asked for.
    /// </summary>
    public async Task<PopulationIndex> LoadPopulationAsync(CancellationToken cancellationToken, bool withHouseholds = false)
    {
        await RequireSchemaAsync(cancellationToken);
        await using var transaction = await BeginReadAsync(cancellationToken);
        var count = await _connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM member WHERE active = 1", transaction: transaction, cancellationToken: cancellationToken));
        var keys = new long[count];
        var names = new PackedNames.Builder(count);
        var households = withHouseholds ? new string[count] : null;
        await using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        // In listing order, as the set-based subset reads them: a person in two households answers by the same entry.
        command.CommandText = withHouseholds
            ? $"SELECT id_key, name, household_id FROM member WHERE active = 1 ORDER BY {_dialect.MemberOrder}"
            : $"SELECT id_key, name FROM member WHERE active = 1 ORDER BY {_dialect.MemberOrder}";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var i = 0;
        while (i < count && await reader.ReadAsync(cancellationToken))
        {
            keys[i] = reader.GetInt64(0);
            names.Add(reader.GetString(1));
            if (households is not null)
            {
                households[i] = reader.GetString(2);
            }

            i++;
        }

        return new PopulationIndex(keys, names.Build(), households);
    }
}
