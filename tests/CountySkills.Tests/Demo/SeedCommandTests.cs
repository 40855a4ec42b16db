using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace CountySkills.Tests.Demo;

/// <summary>The README's way to a full county on a fresh machine: `seed` fills only an empty ledger, `seed --fresh` starts over.</summary>
public sealed class SeedCommandTests : IDisposable
{
    readonly string _dir = Path.Combine(Path.GetTempPath(), "cs-seed-" + Guid.NewGuid().ToString("N"));
    string Db => Path.Combine(_dir, "cs.db");

    public SeedCommandTests() => Directory.CreateDirectory(_dir);
    public void Dispose() { SqliteConnection.ClearAllPools(); try { Directory.Delete(_dir, true); } catch (IOException) { } }

    [Fact]
    public async Task Seed_leaves_an_existing_ledger_and_says_so_and_fresh_replaces_it_with_the_size_asked_for()
    {
        var first = await Cli("seed --people 1500", "Development");
        Assert.True(first.ExitCode == 0, first.Output + first.Error);
        Assert.Equal(1500, People());

        var again = await Cli("seed --people 2500", "Development");
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("--fresh", again.Output);
        Assert.Equal(1500, People());

        var fresh = await Cli("seed --fresh --people 2500", "Development");
        Assert.True(fresh.ExitCode == 0, fresh.Output + fresh.Error);
        Assert.Equal(2500, People());
    }

    [Fact]
    public async Task Fresh_is_refused_outside_development_without_force_and_deletes_nothing()
    {
        Assert.Equal(0, (await Cli("seed --people 1000", "Development")).ExitCode);
        var refused = await Cli("seed --fresh --people 2000", "Production");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--force", refused.Error);
        Assert.Equal(1000, People());
    }

    long People()
    {
        using var c = new SqliteConnection($"Data Source={Db};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM People";
        return (long)cmd.ExecuteScalar()!;
    }

    async Task<(int ExitCode, string Output, string Error)> Cli(string arguments, string environment)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "CountySkills.Web.dll");
        var psi = new ProcessStartInfo("dotnet", $"\"{dll}\" {arguments}")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory,
        };
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        psi.Environment["ConnectionStrings__Default"] = $"Data Source={Db}";
        psi.Environment["Database__Provider"] = "Sqlite";
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, await output, await error);
    }
}
