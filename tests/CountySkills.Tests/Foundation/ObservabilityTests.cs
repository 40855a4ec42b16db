using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using CountySkills.Tests.Infrastructure;
using CountySkills.Web.Data;
using CountySkills.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CountySkills.Tests.Foundation;

/// <summary>Health, readiness, Prometheus metrics and OTLP wiring through HTTP (ADR 0025).</summary>
public abstract class ObservabilityTests(AppFactory app)
{
    public const string ScrapeToken = "scrape-token-for-tests";

    [Fact]
    public async Task Readyz_is_200_and_lists_the_database_check()
    {
        var json = await HttpAssert.Json(await app.CreateClient().GetAsync("/readyz"));
        Assert.Equal("healthy", json.GetProperty("status").GetString());
        var db = json.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "db");
        Assert.Equal("healthy", db.GetProperty("status").GetString());
        Assert.True(db.GetProperty("durationMs").GetDouble() >= 0);
        Assert.False(db.TryGetProperty("error", out _));
    }

    [Fact]
    public async Task Healthz_keeps_its_answer()
    {
        var json = await HttpAssert.Json(await app.CreateClient().GetAsync("/healthz"));
        Assert.Equal("healthy", json.GetProperty("status").GetString());
        Assert.Equal("up", json.GetProperty("database").GetString());
    }

    [Fact]
    public async Task Metrics_count_requests_by_route_and_time_the_database_and_never_show_an_id_number()
    {
        var county = await app.ClientFor("county");
        var id = Ids.New();
        await county.GetAsync($"/api/people/by-id-number/{id}");
        await county.GetAsync($"/api/people?q={id}");
        var scraper = app.CreateClient();
        scraper.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ScrapeToken);
        var r = await scraper.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.StartsWith("text/plain", r.Content.Headers.ContentType?.MediaType);
        var text = await r.Content.ReadAsStringAsync();
        Assert.Contains("http_requests_received_total{", text);
        Assert.Contains("endpoint=\"/api/people/by-id-number/{idNumber}\"", text);
        Assert.Contains("http_request_duration_seconds_bucket{", text);
        Assert.Matches(@"countyskills_db_command_duration_seconds_count\{kind=""reader"",outcome=""ok""\} [1-9]", text);
        Assert.Contains("countyskills_blazor_circuits_active", text);
        Assert.DoesNotContain(id, text);
        Assert.DoesNotContain(id[..10], text);
    }

    [Fact]
    public async Task Metrics_are_not_found_for_a_caller_neither_local_nor_listed_nor_holding_the_token()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync("/metrics")).StatusCode);
        var wrong = app.CreateClient();
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-token");
        Assert.Equal(HttpStatusCode.NotFound, (await wrong.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public void Nothing_is_exported_over_otlp_unless_an_endpoint_is_configured()
    {
        Assert.Null(app.Services.GetService<OpenTelemetry.Trace.TracerProvider>());
        Assert.Null(app.Services.GetService<OpenTelemetry.Metrics.MeterProvider>());
    }
}

public sealed class ObservedSqliteApp : AppFactory
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override int DemoPeople => 50;
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["Metrics:Token"] = ObservabilityTests.ScrapeToken };
}

public sealed class ObservedPostgresApp : AppFactory
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
    protected override int DemoPeople => 50;
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["Metrics:Token"] = ObservabilityTests.ScrapeToken };
}

public sealed class ObservabilityTests_Sqlite(ObservedSqliteApp app) : ObservabilityTests(app), IClassFixture<ObservedSqliteApp>;
public sealed class ObservabilityTests_Postgres(ObservedPostgresApp app) : ObservabilityTests(app), IClassFixture<ObservedPostgresApp>;

/// <summary>With an OTLP endpoint configured, traces and metrics are registered for export (nothing listens there: the app serves on).</summary>
public sealed class OtlpConfiguredApp : AppFactory
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override int DemoPeople => 20;
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["Telemetry:Otlp:Endpoint"] = "http://127.0.0.1:9" };
}

public sealed class OtlpWhenConfigured(OtlpConfiguredApp app) : IClassFixture<OtlpConfiguredApp>
{
    [Fact]
    public async Task Traces_and_metrics_are_exported_and_the_app_serves_on()
    {
        Assert.NotNull(app.Services.GetService<OpenTelemetry.Trace.TracerProvider>());
        Assert.NotNull(app.Services.GetService<OpenTelemetry.Metrics.MeterProvider>());
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/healthz")).StatusCode);
    }
}

/// <summary>The readiness and liveness answers when the database cannot be reached, quickly (not after the driver's timeouts).</summary>
public abstract class ReadinessWhenDatabaseIsDown(AppFactory app)
{
    [Fact]
    public async Task Healthz_and_readyz_are_503_within_seconds()
    {
        var client = app.CreateClient();
        var watch = Stopwatch.StartNew();
        await HttpAssert.Problem(await client.GetAsync("/healthz"), HttpStatusCode.ServiceUnavailable);
        var r = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, r.StatusCode);
        var json = System.Text.Json.JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("unhealthy", json.GetProperty("status").GetString());
        var db = json.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "db");
        Assert.Equal("unhealthy", db.GetProperty("status").GetString());
        Assert.Equal("unreachable", db.GetProperty("error").GetString());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }
}

public sealed class ReadinessWhenDatabaseIsDown_Sqlite(UnreachableDatabaseApp app) : ReadinessWhenDatabaseIsDown(app), IClassFixture<UnreachableDatabaseApp>;
public sealed class ReadinessWhenDatabaseIsDown_Postgres(UnreachablePostgresApp app) : ReadinessWhenDatabaseIsDown(app), IClassFixture<UnreachablePostgresApp>;

/// <summary>A PostgreSQL that accepts connections and never answers (a hung server, a dropped network): the checks give up at
/// Health:TimeoutSeconds, not at the driver's connection timeout.</summary>
public sealed class HungPostgresApp : AppFactory
{
    readonly TcpListener _silent = new(IPAddress.Loopback, 0);
    readonly List<TcpClient> _held = [];
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public HungPostgresApp()
    {
        _silent.Start();
        _ = Task.Run(async () =>
        {
            try { while (true) { var c = await _silent.AcceptTcpClientAsync(); lock (_held) _held.Add(c); } }
            catch (Exception) { /* stopped */ }
        });
    }

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Database:MigrateOnStart"] = "false",
        ["Health:TimeoutSeconds"] = "1",
        ["ConnectionStrings:Default"] = $"Host=127.0.0.1;Port={((IPEndPoint)_silent.LocalEndpoint).Port};Username=postgres;Database=postgres;Timeout=30",
    };

    protected override void Dispose(bool disposing)
    {
        _silent.Stop();
        lock (_held) foreach (var c in _held) c.Dispose();
        base.Dispose(disposing);
    }
}

public sealed class ReadinessWhenDatabaseHangs_Postgres(HungPostgresApp app) : IClassFixture<HungPostgresApp>
{
    [Fact]
    public async Task Healthz_and_readyz_are_503_after_the_health_deadline_not_the_drivers()
    {
        var client = app.CreateClient();
        var watch = Stopwatch.StartNew();
        await HttpAssert.Problem(await client.GetAsync("/healthz"), HttpStatusCode.ServiceUnavailable);
        var r = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, r.StatusCode);
        var body = await r.Content.ReadAsStringAsync();
        Assert.Contains("\"name\":\"db\",\"status\":\"unhealthy\"", body);
        Assert.DoesNotContain("127.0.0.1", body);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(8), $"took {watch.Elapsed}");
    }
}

/// <summary>PostgreSQL on a loopback port nothing listens on.</summary>
public sealed class UnreachablePostgresApp : AppFactory
{
    static readonly int ClosedPort = FreePort();
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Database:MigrateOnStart"] = "false",
        ["ConnectionStrings:Default"] = $"Host=127.0.0.1;Port={ClosedPort};Username=postgres;Database=postgres;Timeout=5",
    };

    static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}

/// <summary>The pieces that need no host: masking of paths, the content root, anchoring the SQLite file.</summary>
public sealed class ObservabilityRules
{
    [Theory]
    [InlineData("/api/people/by-id-number/41992119900101123X", "/api/people/by-id-number/***")]
    [InlineData("/api/people/by-id-number/419921199001011234", "/api/people/by-id-number/***")]
    [InlineData("/api/people/13812345678/x", "/api/people/***/x")]
    [InlineData("/api/people/123456", "/api/people/123456")]
    public void Request_paths_are_logged_with_long_digit_runs_masked(string path, string logged) =>
        Assert.Equal(logged, Observability.MaskedPath(path));

    [Fact]
    public void The_content_root_is_the_app_folder_unless_given_or_started_in_the_project_folder()
    {
        var elsewhere = Directory.CreateTempSubdirectory().FullName;
        Assert.Equal(AppContext.BaseDirectory, ContentRoot.Choose([], elsewhere));
        Assert.Null(ContentRoot.Choose(["--contentRoot", elsewhere], elsewhere));
        Assert.Null(ContentRoot.Choose([$"--contentRoot={elsewhere}"], elsewhere));
        File.WriteAllText(Path.Combine(elsewhere, "CountySkills.Web.csproj"), "<Project />");
        Assert.Equal(elsewhere, ContentRoot.Choose([], elsewhere));
    }

    [Fact]
    public void A_relative_sqlite_file_lives_under_the_content_root()
    {
        Assert.Equal("Data Source=/opt/app/data/countyskills.db", ContentRoot.AnchorSqlite("Data Source=data/countyskills.db", "/opt/app"));
        Assert.Equal("Data Source=/var/lib/cs/x.db", ContentRoot.AnchorSqlite("Data Source=/var/lib/cs/x.db", "/opt/app"));
        Assert.Equal("Data Source=:memory:", ContentRoot.AnchorSqlite("Data Source=:memory:", "/opt/app"));
    }
}

/// <summary>
/// The built app started as an operator starts it, from another folder (/tmp), in Production: it reads its own appsettings.json
/// (framework logs at Warning, so no "Request starting" line per request), writes JSON lines, one compact line per request with the
/// path only, serves its static files, and lets a local scraper read /metrics but not a forwarded one.
/// </summary>
public sealed class ProductionProcessTests
{
    [Fact]
    public async Task Started_from_another_folder_it_reads_its_settings_and_logs_json_one_line_per_request()
    {
        var webDir = WebOutput();
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var data = Directory.CreateTempSubdirectory("countyskills-prod-").FullName;
        var (cert, password, _) = ProductionHost.Certificate;
        var psi = new ProcessStartInfo("dotnet", $"\"{Path.Combine(webDir, "CountySkills.Web.dll")}\" --urls {url}")
        {
            WorkingDirectory = Path.GetTempPath(), RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var k in psi.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_") || k.StartsWith("DOTNET_CONTENTROOT") || k.StartsWith("Serilog") || k.StartsWith("Logging")).ToList())
            psi.Environment.Remove(k);
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["App__PublicBaseUrl"] = ProductionHost.PublicBaseUrl;
        psi.Environment["AllowedHosts"] = $"127.0.0.1;{ProductionHost.PublicHost}";
        psi.Environment["DataProtection__CertificatePath"] = cert;
        psi.Environment["DataProtection__CertificatePassword"] = password;
        psi.Environment["Database__Provider"] = "Sqlite";
        psi.Environment["Database__MigrateOnStart"] = "true";
        psi.Environment["ConnectionStrings__Default"] = $"Data Source={Path.Combine(data, "cs.db")}";
        var lines = new List<string>();
        using var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (lines) lines.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (lines) lines.Add("stderr: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(url) };
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (true)
            {
                Assert.False(process.HasExited, "the app exited:\n" + string.Join("\n", lines));
                try { if ((await http.GetAsync("/healthz")).IsSuccessStatusCode) break; } catch (HttpRequestException) { }
                Assert.True(DateTime.UtcNow < deadline, "the app did not become healthy:\n" + string.Join("\n", lines));
                await Task.Delay(300);
            }
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/account/login?returnUrl=%2Fpeople%3Fq%3D419921199001011234")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/app.css")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/metrics")).StatusCode);
            var forwarded = new HttpRequestMessage(HttpMethod.Get, "/metrics");
            forwarded.Headers.Add("X-Forwarded-For", "203.0.113.9");
            Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(forwarded)).StatusCode);
            await Task.Delay(500); // the last lines reach stdout

            string[] seen;
            lock (lines) seen = [.. lines];
            var all = string.Join("\n", seen);
            Assert.DoesNotContain("stderr:", all);
            foreach (var line in seen) System.Text.Json.JsonDocument.Parse(line); // every line is one JSON object
            Assert.Contains(seen, l => l.Contains("\"SourceContext\":\"Microsoft.Hosting.Lifetime\"") && l.Contains(webDir.TrimEnd('/')));
            Assert.DoesNotContain("Request starting", all);
            Assert.DoesNotContain("Executing endpoint", all);
            var request = Assert.Single(seen, l => l.Contains("\"@m\":\"GET /account/login 200 "));
            Assert.Contains("\"SourceContext\":\"Serilog.AspNetCore.RequestLoggingMiddleware\"", request);
            Assert.DoesNotContain("419921199001011234", all);
            Assert.DoesNotContain(seen, l => l.Contains("\"@m\":\"GET /healthz")); // health and scrapes at Debug
            Assert.True(File.Exists(Path.Combine(data, "cs.db")));
        }
        finally
        {
            if (!process.HasExited) { process.Kill(entireProcessTree: true); await process.WaitForExitAsync(); }
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }

    static string WebOutput()
    {
        var dir = AppContext.BaseDirectory; // tests/CountySkills.Tests/bin/<cfg>/net10.0/
        var config = new DirectoryInfo(dir).Parent!.Name;
        var root = dir;
        while (!File.Exists(Path.Combine(root, "CountySkills.slnx"))) root = Path.GetDirectoryName(root.TrimEnd('/'))!;
        return Path.Combine(root, "src", "CountySkills.Web", "bin", config, "net10.0") + Path.DirectorySeparatorChar;
    }

    static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}
