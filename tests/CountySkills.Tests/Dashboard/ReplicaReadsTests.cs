using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CountySkills.Tests.Infrastructure;
using CountySkills.Web.Data;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CountySkills.Tests.Dashboard;

/// <summary>
/// Dashboards, figures and statistical tables read through <see cref="IReadDbContextFactory"/> (ConnectionStrings:Replica, ADR 0028):
/// they say where they read (source, dataAsOf, lagSeconds); every write and the read of what was just written stay on the primary;
/// a dead replica costs little, the primary answers instead.
/// </summary>
public static class ReplicaReads
{
    public const string Village = "419921101001";

    public static async Task<JsonElement> Json(HttpClient c, string url) => await HttpAssert.Json(await c.GetAsync(url));

    public static void ReadFrom(JsonElement e, string source, string field = "source")
    {
        Assert.Equal(source, e.GetProperty(field).GetString());
        Assert.True(e.GetProperty("dataAsOf").GetDateTime() > DateTime.UtcNow.AddMinutes(-5));
        Assert.Equal(0, e.GetProperty("lagSeconds").GetDouble());
    }
}

/// <summary>The "replica" is a copy of the test database taken once the demo county is seeded: what it shows was not written since.</summary>
public sealed class ReplicaCopyApp : AppFactory
{
    string _replica = "";
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["ConnectionStrings:Replica"] = new NpgsqlConnectionStringBuilder(PostgresServer.AdminConnectionString) { Database = _replica }.ConnectionString,
    };

    protected override Task DatabaseCreatedAsync(NpgsqlConnection admin, string database)
    {
        _replica = database + "_r";
        return Task.CompletedTask;
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var primary = new NpgsqlConnectionStringBuilder(ConnectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(PostgresServer.AdminConnectionString);
        await conn.OpenAsync();
        await using (var kick = new NpgsqlCommand($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{primary}' AND pid <> pg_backend_pid()", conn))
            await kick.ExecuteNonQueryAsync();
        await using var copy = new NpgsqlCommand($"CREATE DATABASE \"{_replica}\" TEMPLATE \"{primary}\"", conn);
        await copy.ExecuteNonQueryAsync();
    }

    protected override async Task DatabaseDroppedAsync(NpgsqlConnection admin)
    {
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_replica}\" WITH (FORCE)", admin);
        await cmd.ExecuteNonQueryAsync();
    }
}

public sealed class ReplicaCopyTests_Postgres(ReplicaCopyApp app) : IClassFixture<ReplicaCopyApp>
{
    [Fact]
    public async Task Figures_come_from_the_replica_while_a_new_person_is_read_back_from_the_primary()
    {
        var county = await app.ClientFor("county");
        var before = await ReplicaReads.Json(county, "/api/reports/work-report");
        var ledger = before.GetProperty("figures").GetProperty("台账人数").GetString();

        var created = await HttpAssert.Json(await county.PostAsJsonAsync("/api/people",
            new { idNumber = Ids.New(), name = "副本验证", villageCode = ReplicaReads.Village, employmentStatus = "Farming" }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal("副本验证", (await ReplicaReads.Json(county, $"/api/people/{id}")).GetProperty("name").GetString());

        // The copy has not seen the new person: the report's ledger figure is the copy's, the person page the primary's.
        var after = await ReplicaReads.Json(county, "/api/reports/work-report");
        Assert.Equal(ledger, after.GetProperty("figures").GetProperty("台账人数").GetString());
        // The copy is not a standby: the server that answered says it is a primary, up to date.
        ReplicaReads.ReadFrom(after, "primary");
        ReplicaReads.ReadFrom(await ReplicaReads.Json(county, "/api/dashboard"), "primary");
        ReplicaReads.ReadFrom(await ReplicaReads.Json(county, "/api/reports/training"), "primary");
        ReplicaReads.ReadFrom(await ReplicaReads.Json(county, "/api/indicators/training.person_times/values"), "primary", "dataSource");
        await using var scope = app.Scope();
        Assert.True(scope.ServiceProvider.GetRequiredService<IReadDbContextFactory>().ReplicaConfigured);
    }
}

/// <summary>A replica on a port nobody listens on: reads fall back to the primary at once.</summary>
public sealed class DeadReplicaApp : AppFactory
{
    public static readonly int ClosedPort = FreePort();
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["ConnectionStrings:Replica"] = $"Host=127.0.0.1;Port={ClosedPort}",
    };

    static int FreePort()
    {
        var l = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}

public sealed class DeadReplicaTests_Postgres(DeadReplicaApp app) : IClassFixture<DeadReplicaApp>
{
    [Fact]
    public async Task The_dashboard_answers_from_the_primary_when_the_replica_is_down()
    {
        var county = await app.ClientFor("county");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var d = await ReplicaReads.Json(county, "/api/dashboard");
        ReplicaReads.ReadFrom(d, "primary");
        ReplicaReads.ReadFrom(await ReplicaReads.Json(county, "/api/reports/transfer"), "primary");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
        // The same figures as the primary's own indicator engine.
        var v = await ReplicaReads.Json(county, $"/api/indicators/training.person_times/values?from={d.GetProperty("from").GetString()}&to={d.GetProperty("to").GetString()}");
        Assert.Equal(v.GetProperty("total").GetProperty("value").GetDecimal(),
            d.GetProperty("kpis").EnumerateArray().First(k => k.GetProperty("key").GetString() == "training.person_times").GetProperty("value").GetDecimal());
    }
}

/// <summary>SQLite has no replica: the setting is ignored and every read is the primary's.</summary>
public sealed class SqliteReplicaSettingApp : AppFactory
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["ConnectionStrings:Replica"] = "Host=127.0.0.1;Port=1" };
}

public sealed class NoReplicaTests_Sqlite(SqliteReplicaSettingApp app) : IClassFixture<SqliteReplicaSettingApp>
{
    [Fact]
    public async Task Dashboards_and_tables_read_the_primary()
    {
        var county = await app.ClientFor("county");
        ReplicaReads.ReadFrom(await ReplicaReads.Json(county, "/api/dashboard"), "primary");
        ReplicaReads.ReadFrom(await ReplicaReads.Json(county, "/api/reports/training"), "primary");
        ReplicaReads.ReadFrom(await ReplicaReads.Json(county, "/api/reports/work-report"), "primary");
        await using var scope = app.Scope();
        Assert.False(scope.ServiceProvider.GetRequiredService<IReadDbContextFactory>().ReplicaConfigured);
    }
}

/// <summary>The read connection string: the replica's hosts first, the primary's last, the primary's credentials, prefer-standby.</summary>
public sealed class ReadReplicaConnectionStringTests
{
    const string Primary = "Host=db1;Port=5432;Database=countyskills;Username=app;Password=secret;Maximum Pool Size=40";

    [Fact]
    public void Replica_hosts_come_first_and_the_primary_is_the_fallback()
    {
        var cs = new NpgsqlConnectionStringBuilder(ReadReplica.ConnectionString(Primary, "Host=db2,db3;Port=5433", out var target));
        Assert.Equal("db2:5433,db3:5433,db1:5432", cs.Host);
        Assert.Equal(TargetSessionAttributes.PreferStandby, target);
        Assert.Equal(("countyskills", "app", "secret", 40), (cs.Database, cs.Username, cs.Password, cs.MaxPoolSize));
        Assert.Equal(3, cs.Timeout);
    }

    [Fact]
    public void What_the_replica_string_says_wins()
    {
        var cs = new NpgsqlConnectionStringBuilder(ReadReplica.ConnectionString(Primary,
            "Host=db1:5432,db2:5432;Timeout=7;Maximum Pool Size=10;Target Session Attributes=standby", out var target));
        Assert.Equal("db1:5432,db2:5432", cs.Host);
        Assert.Equal(TargetSessionAttributes.Standby, target);
        Assert.Equal((7, 10), (cs.Timeout, cs.MaxPoolSize));
        Assert.Null(cs.TargetSessionAttributes);
    }
}
