using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CountySkills.Tests.Infrastructure;

/// <summary>
/// Every table of a database, found in its catalogue (no hand-made list: migration history, Identity, data-protection keys and
/// whatever a later migration adds are in it), with its row count and a checksum of all its rows in key order; and the schema
/// objects beside the tables (indexes, triggers, functions, constraints, grants, sequences), so a restore that lost the
/// audit log's triggers would not pass for a good one.
/// </summary>
public static class DatabaseFingerprint
{
    public sealed record Table(long Rows, string Checksum);

    public static async Task<SortedDictionary<string, Table>> SqliteAsync(string path)
    {
        await using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await db.OpenAsync();
        var result = new SortedDictionary<string, Table>(StringComparer.Ordinal);
        var names = await SqliteListAsync(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
        foreach (var name in names)
        {
            var q = Quote(name);
            var keys = await SqliteListAsync(db, $"SELECT name FROM pragma_table_info('{name.Replace("'", "''")}') WHERE pk > 0 ORDER BY pk");
            var order = keys.Count > 0 ? string.Join(", ", keys.Select(Quote)) : "rowid";
            result[name] = await SqliteChecksumAsync(db, $"SELECT * FROM {q} ORDER BY {order}");
        }
        // The schema itself (tables, indexes, triggers with their SQL) as one more "table".
        result["(sqlite_master)"] = await SqliteChecksumAsync(db, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name");
        return result;
    }

    /// <summary>Every column of every row as its storage class and exact bytes (text as UTF-8, reals by their bits).</summary>
    public static async Task<List<byte[][]>> SqliteRowsAsync(string path, string table, string orderBy)
    {
        await using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await db.OpenAsync();
        await using var cmd = new SqliteCommand($"SELECT * FROM {Quote(table)} ORDER BY {Quote(orderBy)}", db);
        await using var r = await cmd.ExecuteReaderAsync();
        var rows = new List<byte[][]>();
        while (await r.ReadAsync()) rows.Add(Enumerable.Range(0, r.FieldCount).Select(i => Bytes(r, i)).ToArray());
        return rows;
    }

    public static async Task<SortedDictionary<string, Table>> PostgresAsync(string connectionString)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        var result = new SortedDictionary<string, Table>(StringComparer.Ordinal);
        var tables = await PgListAsync(db, "SELECT format('%I.%I', schemaname, tablename) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1");
        foreach (var table in tables)
        {
            var keys = await PgListAsync(db, $"""
                SELECT quote_ident(a.attname) FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
                WHERE i.indrelid = '{table.Replace("'", "''")}'::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)
                """);
            var order = keys.Count > 0 ? string.Join(", ", keys.Select(k => "t." + k)) : "t::text";
            await using var cmd = new NpgsqlCommand($"SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY {order}), '')) FROM {table} t", db);
            await using var r = await cmd.ExecuteReaderAsync();
            await r.ReadAsync();
            result[table] = new(r.GetInt64(0), r.GetString(1));
        }
        foreach (var (name, sql) in PgSchemaQueries)
        {
            var rows = await PgListAsync(db, sql);
            result[name] = new(rows.Count, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", rows)))));
        }
        return result;
    }

    static readonly (string, string)[] PgSchemaQueries =
    [
        ("(indexes)", "SELECT schemaname || ' ' || indexdef FROM pg_indexes WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1"),
        ("(triggers)", "SELECT tgrelid::regclass || ' ' || pg_get_triggerdef(oid) || ' ' || tgenabled::text FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1"),
        ("(functions)", "SELECT p.proname || ' ' || md5(pg_get_functiondef(p.oid)) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1"),
        ("(constraints)", "SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1"),
        ("(grants)", "SELECT c.relname || ' ' || coalesce(c.relacl::text, '-') FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'S', 'v') ORDER BY 1"),
        ("(sequences)", "SELECT schemaname || '.' || sequencename || ' ' || coalesce(last_value::text, '-') FROM pg_sequences ORDER BY 1"),
    ];

    /// <summary>Every column of every row of a table as the UTF-8 bytes of PostgreSQL's own text form (timestamps to the microsecond).</summary>
    public static async Task<List<byte[][]>> PostgresRowsAsync(string connectionString, string table, string orderBy)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        var columns = await PgListAsync(db, $"SELECT quote_ident(column_name) FROM information_schema.columns WHERE table_name = '{table}' ORDER BY ordinal_position");
        var select = string.Join(", ", columns.Select(c => $"convert_to({c}::text, 'UTF8')"));
        await using var cmd = new NpgsqlCommand($"SELECT {select} FROM \"{table}\" ORDER BY \"{orderBy}\"", db);
        await using var r = await cmd.ExecuteReaderAsync();
        var rows = new List<byte[][]>();
        while (await r.ReadAsync()) rows.Add(Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? [0xFF] : r.GetFieldValue<byte[]>(i)).ToArray());
        return rows;
    }

    static async Task<Table> SqliteChecksumAsync(SqliteConnection db, string sql)
    {
        await using var cmd = new SqliteCommand(sql, db);
        await using var r = await cmd.ExecuteReaderAsync();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long rows = 0;
        while (await r.ReadAsync())
        {
            rows++;
            for (var i = 0; i < r.FieldCount; i++)
            {
                var bytes = Bytes(r, i);
                hash.AppendData(BitConverter.GetBytes(bytes.Length));
                hash.AppendData(bytes);
            }
        }
        return new(rows, Convert.ToHexString(hash.GetHashAndReset()));
    }

    static byte[] Bytes(SqliteDataReader r, int i) => r.GetValue(i) switch
    {
        DBNull => [0],
        long l => [1, .. BitConverter.GetBytes(l)],
        double d => [2, .. BitConverter.GetBytes(BitConverter.DoubleToInt64Bits(d))],
        string s => [3, .. Encoding.UTF8.GetBytes(s)],
        byte[] b => [4, .. b],
        var other => throw new InvalidOperationException($"Unexpected SQLite value {other.GetType()}"),
    };

    static async Task<List<string>> SqliteListAsync(SqliteConnection db, string sql)
    {
        await using var cmd = new SqliteCommand(sql, db);
        await using var r = await cmd.ExecuteReaderAsync();
        var list = new List<string>();
        while (await r.ReadAsync()) list.Add(r.GetString(0));
        return list;
    }

    static async Task<List<string>> PgListAsync(NpgsqlConnection db, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, db);
        await using var r = await cmd.ExecuteReaderAsync();
        var list = new List<string>();
        while (await r.ReadAsync()) list.Add(r.GetString(0));
        return list;
    }

    static string Quote(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";
}
