using System.Diagnostics;

namespace CountySkills.Bench;

/// <summary>The app's built dll (src/CountySkills.Web/bin/Release) as its own process on a free loopback port, and its operator
/// commands (seed, migrate) run the same way.</summary>
public sealed class AppProcess : IAsyncDisposable
{
    Process _p = default!;
    public int Port { get; private init; }
    public HttpClient Http { get; private init; } = default!;

    public static string Dll
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CountySkills.slnx"))) dir = dir.Parent;
            var dll = Path.Combine(dir?.FullName ?? ".", "src/CountySkills.Web/bin/Release/net10.0/CountySkills.Web.dll");
            return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing: dotnet build -c Release first.");
        }
    }

    static ProcessStartInfo Info(string provider, string cs, string environment, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(Dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        psi.Environment["Database__Provider"] = provider;
        psi.Environment["ConnectionStrings__Default"] = cs;
        psi.Environment["Database__MigrateOnStart"] = "false";
        psi.Environment["Demo__Seed"] = "false";
        return psi;
    }

    /// <summary>An operator command in Development (where `seed` creates the demo accounts); its output.</summary>
    public static async Task<string> CommandAsync(string provider, string cs, params string[] args)
    {
        using var p = Process.Start(Info(provider, cs, "Development", args))!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{string.Join(' ', args)} failed: {await error}{await output}");
        return (await output).Trim();
    }

    /// <summary>Starts the app as production runs it (not Development: no developer pages, no demo seeding, no migration at start;
    /// the Staging environment, since Production also asks for a certificate and public address) and waits for /healthz.</summary>
    public static async Task<AppProcess> StartAsync(string provider, string cs)
    {
        var port = FreePort();
        var psi = Info(provider, cs, "Staging", "--urls", $"http://127.0.0.1:{port}");
        var app = new AppProcess { Port = port, Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) } };
        app._p = Process.Start(psi)!;
        app._p.OutputDataReceived += (_, e) => { if (e.Data is { Length: > 0 } l && !l.Contains(" INF] ") && !l.Contains("\"@t\"")) Console.WriteLine("  app: " + l); };
        app._p.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } l) Console.WriteLine("  app!: " + l); };
        app._p.BeginOutputReadLine();
        app._p.BeginErrorReadLine();
        for (var i = 0; i < 600; i++)
        {
            if (app._p.HasExited) throw new InvalidOperationException("the app exited at start");
            try { if ((await app.Http.GetAsync("/healthz")).IsSuccessStatusCode) return app; } catch (HttpRequestException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException("the app did not answer /healthz within two minutes");
    }

    /// <summary>Resident memory now, at its peak, and the part of it that is the process's own (anonymous: heap, stacks, SQLite's
    /// caches) rather than pages of mapped files (the SQLite file through its memory map, which the kernel shares and may drop), MB.</summary>
    public (long Rss, long Peak, long Anon) Memory()
    {
        long Kb(string key) => File.ReadLines($"/proc/{_p.Id}/status").Where(l => l.StartsWith(key)).Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1])).FirstOrDefault();
        return (Kb("VmRSS:") / 1024, Kb("VmHWM:") / 1024, Kb("RssAnon:") / 1024);
    }

    static int FreePort()
    {
        using var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        return ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_p.HasExited) { _p.Kill(entireProcessTree: true); await _p.WaitForExitAsync(); }
        _p.Dispose();
    }
}
