using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CountySkills.Web.Data;

/// <summary>
/// Per-connection SQLite settings. Reads go through a memory map of the file (mmap_size 1 GB): every pooled connection shares
/// the operating system's copy of the pages instead of copying them into a cache of its own, so 64 connections cost the memory of
/// one file, not 64 caches; the private page cache is bounded to 4 MB a connection (it holds written pages until commit; it used
/// to be 32 MB each, which 64 concurrent requests turned into 2 GB of resident memory — bench load). synchronous=NORMAL (safe
/// with WAL: a power cut may lose the last commits, never corrupt the file), a busy timeout so concurrent writers wait instead
/// of failing, temporary sorts in memory.
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    /// <summary>The private page cache of a pooled connection, in SQLite's units (negative: KiB).</summary>
    public const int CachePages = -2048;
    public const string Sql = "PRAGMA cache_size=-2048; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA temp_store=MEMORY;";

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
