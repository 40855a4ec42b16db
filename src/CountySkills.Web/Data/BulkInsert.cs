using System.Data.Common;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace CountySkills.Web.Data;

/// <summary>
/// Inserts many rows of one entity type fast: a prepared INSERT reused per row on SQLite, binary COPY on PostgreSQL.
/// Columns, types and value conversions come from the EF model, so the rows are exactly what EF would write.
/// Runs in the caller's transaction when there is one; generated keys are not read back. The caller writes the
/// summary audit entry (ADR 0004).
/// </summary>
public static class BulkInsert
{
    public static async Task<int> InsertAsync<T>(AppDbContext db, IEnumerable<T> rows, CancellationToken ct = default) where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var props = entity.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.Never || !p.IsPrimaryKey()).ToList();
        var columns = props.Select(p => p.GetColumnName(table)!).ToList();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return db.Database.IsNpgsql()
                ? await CopyAsync((NpgsqlConnection)db.Database.GetDbConnection(), table.Name, props, columns, rows, ct)
                : await PreparedAsync(db, table.Name, props, columns, rows, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    static async Task<int> PreparedAsync<T>(AppDbContext db, string table, List<IProperty> props, List<string> columns, IEnumerable<T> rows, CancellationToken ct)
    {
        var conn = db.Database.GetDbConnection();
        // A bulk insert touches many index pages before its commit: a larger private cache for this connection while it runs
        // (pooled connections keep the small one, SqlitePragmas).
        await SetCacheAsync(conn, BulkCachePages, ct);
        var owned = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            await using var cmd = conn.CreateCommand();
            cmd.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
            cmd.CommandText = $"INSERT INTO \"{table}\" ({string.Join(",", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(",", columns.Select((_, i) => "$p" + i))})";
            var mappings = props.Select(p => (RelationalTypeMapping)p.GetRelationalTypeMapping()).ToArray();
            var parameters = new DbParameter[props.Count];
            var getters = props.Select(p => p.GetGetter()).ToArray();
            var n = 0;
            foreach (var row in rows)
            {
                for (var i = 0; i < props.Count; i++)
                {
                    var value = getters[i].GetClrValueUsingContainingEntity(row!);
                    if (n == 0)
                    {
                        parameters[i] = mappings[i].CreateParameter(cmd, "$p" + i, value, props[i].IsNullable);
                        cmd.Parameters.Add(parameters[i]);
                    }
                    else
                    {
                        var converted = mappings[i].Converter is { } c && value is not null ? c.ConvertToProvider(value) : value;
                        parameters[i].Value = converted ?? DBNull.Value;
                    }
                }
                if (n == 0) await cmd.PrepareAsync(ct);
                await cmd.ExecuteNonQueryAsync(ct);
                n++;
            }
            if (owned is not null) await owned.CommitAsync(ct);
            return n;
        }
        finally
        {
            if (owned is not null) await owned.DisposeAsync();
            await SetCacheAsync(conn, SqlitePragmas.CachePages, CancellationToken.None);
        }
    }

    const int BulkCachePages = -32768;

    static async Task SetCacheAsync(DbConnection conn, int pages, CancellationToken ct)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = $"PRAGMA cache_size={pages}";
        await cmd.ExecuteNonQueryAsync(ct);
    }

    static async Task<int> CopyAsync<T>(NpgsqlConnection conn, string table, List<IProperty> props, List<string> columns, IEnumerable<T> rows, CancellationToken ct)
    {
        var types = props.Select(p =>
        {
            var store = p.GetRelationalTypeMapping().StoreType;
            var paren = store.IndexOf('(');
            return paren > 0 ? store[..paren] : store;
        }).ToArray();
        var converters = props.Select(p => p.GetRelationalTypeMapping().Converter).ToArray();
        var getters = props.Select(p => p.GetGetter()).ToArray();
        await using var writer = await conn.BeginBinaryImportAsync(
            $"COPY \"{table}\" ({string.Join(",", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)", ct);
        // Finishing a large COPY waits for the server to update every index: at province scale (tens of millions of rows, a busy
        // server) that can take longer than the default command timeout of 30 s.
        writer.Timeout = TimeSpan.FromMinutes(30);
        var n = 0;
        foreach (var row in rows)
        {
            await writer.StartRowAsync(ct);
            for (var i = 0; i < props.Count; i++)
            {
                var value = getters[i].GetClrValueUsingContainingEntity(row!);
                if (value is not null && converters[i] is { } c) value = c.ConvertToProvider(value);
                if (value is null) await writer.WriteNullAsync(ct);
                else await writer.WriteAsync(value, types[i], ct);
            }
            n++;
        }
        await writer.CompleteAsync(ct);
        return n;
    }
}
