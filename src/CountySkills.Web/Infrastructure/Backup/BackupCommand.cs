namespace CountySkills.Web.Infrastructure.Backup;

/// <summary>
/// The operator commands `backup --to FILE|FOLDER [--force]` and `restore --from FILE [--force]` of the configured provider:
/// SQLite through its online backup API, PostgreSQL through pg_dump -Fc / pg_restore (docs/operations/backup.md, ADR 0027).
/// </summary>
public static class BackupCommand
{
    public const string MigrationsTable = "__EFMigrationsHistory", AuditTable = "AuditEntries";

    public static async Task<int> BackupAsync(IServiceProvider sp, string? to, bool force)
    {
        if (string.IsNullOrWhiteSpace(to))
        {
            Console.Error.WriteLine("Usage: backup --to FILE|FOLDER [--force]   (a folder gets a dated name: countyskills-yyyyMMdd-HHmmss.db or .dump)");
            return 2;
        }
        var (provider, cs) = Database(sp);
        to = TargetFile(to, provider == DatabaseProvider.Sqlite ? ".db" : ".dump", sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        return provider == DatabaseProvider.Sqlite
            ? await SqliteBackup.BackupAsync(cs, to, force, Console.Out, Console.Error)
            : await PostgresBackup.BackupAsync(cs, to, force, Console.Out, Console.Error);
    }

    public static async Task<int> RestoreAsync(IServiceProvider sp, string? from, bool force)
    {
        if (string.IsNullOrWhiteSpace(from))
        {
            Console.Error.WriteLine("Usage: restore --from FILE [--force]   (stop the app first; PostgreSQL restores into an empty database)");
            return 2;
        }
        var (provider, cs) = Database(sp);
        var known = KnownMigrations(sp);
        return provider == DatabaseProvider.Sqlite
            ? await SqliteBackup.RestoreAsync(cs, from, force, known, Console.Out, Console.Error)
            : await PostgresBackup.RestoreAsync(cs, from, known, Console.Out, Console.Error);
    }

    /// <summary>The migrations this version of the app knows (of the configured provider).</summary>
    public static IReadOnlyCollection<string> KnownMigrations(IServiceProvider sp)
    {
        using var db = sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        return db.Database.GetMigrations().ToList();
    }

    static (DatabaseProvider, string) Database(IServiceProvider sp)
    {
        var config = sp.GetRequiredService<IConfiguration>();
        return (DatabaseSetup.ProviderOf(config), config.GetConnectionString("Default") ?? DatabaseSetup.DefaultSqlite);
    }

    /// <summary>FILE as given, or inside a FOLDER (one that exists, or a path ending in /) a dated name.</summary>
    public static string TargetFile(string to, string extension, DateTime utcNow)
    {
        var full = Path.GetFullPath(to);
        if (Directory.Exists(full) || to.EndsWith('/') || to.EndsWith(Path.DirectorySeparatorChar))
            full = Path.Combine(full, $"countyskills-{utcNow:yyyyMMdd-HHmmss}{extension}");
        return full;
    }

    /// <summary>Why a backup is no CountySkills database this version can take, or null.</summary>
    public static string? Refusal(IEnumerable<string> tables, IReadOnlyCollection<string> migrations, IReadOnlyCollection<string> known)
    {
        var set = tables.ToHashSet(StringComparer.Ordinal);
        if (!set.Contains(MigrationsTable) || !set.Contains(AuditTable) || migrations.Count == 0)
            return $"not a CountySkills database (no {MigrationsTable} or {AuditTable}).";
        var newer = migrations.Except(known, StringComparer.Ordinal).ToList();
        return newer.Count == 0 ? null
            : $"made by a newer version of the app (migrations it has and this version does not: {string.Join(", ", newer.Take(5))}). Restore it with that version.";
    }

    public static string MigrationsNote(IReadOnlyCollection<string> migrations, IReadOnlyCollection<string> known)
    {
        var missing = known.Except(migrations, StringComparer.Ordinal).Count();
        return missing == 0
            ? $"Migrations: all {known.Count} of this version. Start the app."
            : $"Migrations: the backup is older than this version ({missing} of {known.Count} to apply): run `migrate` (as the owner role on PostgreSQL), then start the app.";
    }
}
