using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CountySkills.Web.Data;

/// <summary>
/// Per-connection SQLite settings: a 32 MB page cache (bulk imports touch many index pages), synchronous=NORMAL
/// (safe with WAL: a power cut may lose the last commits, never corrupt the file) and a busy timeout so concurrent
/// writers wait instead of failing.
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    public const string Sql = "PRAGMA cache_size=-32768; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA temp_store=MEMORY;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = Sql;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    static void Apply(DbConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Sql;
        cmd.ExecuteNonQuery();
    }
}
