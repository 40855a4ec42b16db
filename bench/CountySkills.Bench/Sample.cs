using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CountySkills.Bench;

/// <summary>What the load bench asks for, read from the seeded database: ID numbers and ids spread over the ledger, the county's
/// townships, the first township's villages and the surnames people carry.</summary>
public sealed record Sample(IReadOnlyList<string> IdNumbers, IReadOnlyList<long> PersonIds, IReadOnlyList<string> Townships, IReadOnlyList<string> TownVillages,
    IReadOnlyList<string> Surnames)
{
    public const string Town01 = "419921101";

    public static DbConnection Open(string provider, string cs) => provider == "Postgres" ? new NpgsqlConnection(cs) : new SqliteConnection(cs);

    public static async Task ExecAsync(DbConnection conn, string sql)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.CommandTimeout = 600;
        await cmd.ExecuteNonQueryAsync();
    }

    static async Task<List<T>> ListAsync<T>(DbConnection conn, string sql, Func<DbDataReader, T> row)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        var list = new List<T>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) list.Add(row(r));
        return list;
    }

    public static async Task<Sample> TakeAsync(string provider, string cs)
    {
        await using var conn = Open(provider, cs);
        await conn.OpenAsync();
        var people = await ListAsync(conn, "SELECT \"Id\", \"IdNumber\", \"Name\" FROM \"People\" WHERE \"MergedIntoId\" IS NULL AND \"Id\" % 97 = 0 ORDER BY \"Id\" LIMIT 4000",
            r => (Id: r.GetInt64(0), IdNumber: r.GetString(1), Name: r.GetString(2)));
        var townships = await ListAsync(conn, "SELECT \"Code\" FROM \"Regions\" WHERE length(\"Code\") = 9 ORDER BY \"Code\"", r => r.GetString(0));
        var villages = await ListAsync(conn, $"SELECT \"Code\" FROM \"Regions\" WHERE length(\"Code\") = 12 AND \"Code\" LIKE '{Town01}%' ORDER BY \"Code\"", r => r.GetString(0));
        var surnames = people.GroupBy(p => p.Name[..1]).OrderByDescending(g => g.Count()).Take(40).Select(g => g.Key).ToList();
        return new Sample(people.Select(p => p.IdNumber).ToList(), people.Select(p => p.Id).ToList(), townships, villages, surnames);
    }
}
