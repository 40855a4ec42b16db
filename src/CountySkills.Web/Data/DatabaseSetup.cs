using CountySkills.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CountySkills.Web.Data;

public enum DatabaseProvider { Sqlite, Postgres }

public static class DatabaseSetup
{
    public const string DefaultSqlite = "Data Source=data/countyskills.db";

    public static DatabaseProvider ProviderOf(IConfiguration config) =>
        string.Equals(config["Database:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase) ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    public static IServiceCollection AddDatabase(this IServiceCollection services, IConfiguration config)
    {
        var provider = ProviderOf(config);
        var cs = config.GetConnectionString("Default");
        if (provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(cs))
            throw new InvalidOperationException("Database:Provider=Postgres needs ConnectionStrings:Default.");
        cs ??= DefaultSqlite;
        if (provider == DatabaseProvider.Sqlite) EnsureSqliteFolder(cs);

        services.AddSingleton<AuditInterceptor>();
        services.AddSingleton(sp => BuildOptions(provider, cs, sp.GetRequiredService<AuditInterceptor>()));
        services.AddScoped<IDbContextFactory<AppDbContext>, AppDbContextFactory>();
        services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext());
        // Dashboards, figures and reports may read from a replica (ConnectionStrings:Replica); everything else stays on the primary.
        services.AddReadContexts(config, provider, cs);
        return services;
    }

    public static DbContextOptions BuildOptions(DatabaseProvider provider, string cs, AuditInterceptor? audit)
    {
        DbContextOptionsBuilder b = provider == DatabaseProvider.Sqlite
            ? new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(cs, o => o.MigrationsAssembly(typeof(AppDbContext).Assembly.FullName))
            : new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(PooledWithoutReset(cs));
        if (audit is not null) b.AddInterceptors(audit);
        if (provider == DatabaseProvider.Sqlite) b.AddInterceptors(new SqlitePragmas());
        b.AddInterceptors(DbTiming.Instance); // command durations for /metrics and OTLP (ADR 0025)
        return b.Options;
    }

    /// <summary>
    /// Npgsql sends DISCARD ALL each time a pooled connection is reused, one more round trip for every context a request opens (four
    /// or five a request: the account check, the list's stamps, count and page). The app keeps no session state on a connection (no
    /// SET, temporary tables or prepared statements of its own), so it is turned off unless the connection string says otherwise.
    /// </summary>
    public static string PooledWithoutReset(string cs)
    {
        var b = new Npgsql.NpgsqlConnectionStringBuilder(cs);
        if (!cs.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase)) b.NoResetOnClose = true;
        return b.ConnectionString;
    }

    public static AppDbContext Create(DbContextOptions options) => options switch
    {
        DbContextOptions<SqliteAppDbContext> s => new SqliteAppDbContext(s),
        DbContextOptions<PostgresAppDbContext> p => new PostgresAppDbContext(p),
        _ => throw new InvalidOperationException("Unknown provider options."),
    };

    static void EnsureSqliteFolder(string cs)
    {
        var b = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(cs);
        if (b.Mode != Microsoft.Data.Sqlite.SqliteOpenMode.ReadWriteCreate || b.DataSource is ":memory:" or "") return;
        var dir = Path.GetDirectoryName(Path.GetFullPath(b.DataSource));
        try
        {
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        }
        catch (IOException) { /* reported by /healthz and the first query */ }
        catch (UnauthorizedAccessException) { }
    }
}

/// <summary>One context per operation; each knows who is acting so the audit trail can name them.</summary>
public sealed class AppDbContextFactory(DbContextOptions options, CurrentUser user) : IDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext()
    {
        var db = DatabaseSetup.Create(options);
        db.Actor = user.IsAuthenticated ? new AuditActor(user.UserId, user.UserName) : AuditActor.System;
        return db;
    }
}

/// <summary>Used by dotnet-ef only: `dotnet ef migrations add X --context SqliteAppDbContext`.</summary>
public sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args) =>
        (SqliteAppDbContext)DatabaseSetup.Create(DatabaseSetup.BuildOptions(DatabaseProvider.Sqlite, DatabaseSetup.DefaultSqlite, null));
}

public sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) =>
        (PostgresAppDbContext)DatabaseSetup.Create(DatabaseSetup.BuildOptions(DatabaseProvider.Postgres, "Host=localhost;Database=countyskills", null));
}
