using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;

namespace CountySkills.E2E;

/// <summary>
/// The app as a user meets it: the built CountySkills.Web.dll on Kestrel (Development, demo data, fresh SQLite
/// file) on a free loopback port, and Debian's chromium driven by Playwright (never a downloaded browser).
/// </summary>
public sealed class AppServer : IAsyncLifetime
{
    Process? _process;
    IPlaywright? _playwright;
    readonly string _dataDir = Path.Combine(Path.GetTempPath(), "countyskills-e2e-" + Guid.NewGuid().ToString("N"));
    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = default!;
    readonly System.Text.StringBuilder _log = new();

    public async Task InitializeAsync()
    {
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        var webDir = WebProjectOutput();
        Directory.CreateDirectory(_dataDir);
        var psi = new ProcessStartInfo("dotnet", $"\"{Path.Combine(webDir, "CountySkills.Web.dll")}\" --urls {BaseUrl}")
        {
            WorkingDirectory = webDir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        psi.Environment["ConnectionStrings__Default"] = $"Data Source={Path.Combine(_dataDir, "e2e.db")}";
        psi.Environment["Demo__People"] = "3000";
        // Every browser comes from 127.0.0.1: the per-address sign-in limit would couple unrelated tests (per user name stays 5).
        psi.Environment["SignIn__MaxFailuresPerAddress"] = "1000";
        _process = Process.Start(psi)!;
        _process.OutputDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException("The app exited during start:\n" + _log);
            try
            {
                if ((await http.GetAsync(BaseUrl + "/healthz")).IsSuccessStatusCode) break;
            }
            catch (HttpRequestException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The app did not become healthy:\n" + _log);
            await Task.Delay(500);
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_process is { HasExited: false }) { _process.Kill(entireProcessTree: true); await _process.WaitForExitAsync(); }
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }

    public async Task<IPage> NewPage()
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = BaseUrl, Locale = "zh-CN", ViewportSize = new() { Width = 1366, Height = 900 } });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the sign-in page and waits for the interactive shell.</summary>
    public async Task<IPage> SignedIn(string user, string password = "Demo#2026")
    {
        var page = await NewPage();
        await page.GotoAsync("/account/login");
        await page.FillAsync("#userName", user);
        await page.FillAsync("#password", password);
        await page.ClickAsync("[data-testid=login-submit]");
        // The home page: every role's work list (the ledger's figures only for the roles whose scope holds people).
        await page.WaitForSelectorAsync("[data-testid=home-work]");
        await WaitInteractive(page);
        return page;
    }

    /// <summary>Waits until the Blazor circuit is connected (clicks before that would be lost).</summary>
    public static Task WaitInteractive(IPage page) => page.WaitForSelectorAsync("[data-testid=shell][data-ready=true]");

    static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    static string WebProjectOutput()
    {
        var dir = AppContext.BaseDirectory; // tests/CountySkills.E2E/bin/<cfg>/net10.0/
        var config = new DirectoryInfo(dir).Parent!.Name;
        var root = dir;
        while (!File.Exists(Path.Combine(root, "CountySkills.slnx"))) root = Path.GetDirectoryName(root.TrimEnd('/'))!;
        return Path.Combine(root, "src", "CountySkills.Web", "bin", config, "net10.0");
    }
}

[CollectionDefinition(nameof(AppServer))]
public sealed class AppServerCollection : ICollectionFixture<AppServer>;
