using Microsoft.Data.Sqlite;

namespace CountySkills.Web.Infrastructure;

/// <summary>
/// Where the app finds its appsettings.json, wwwroot and (relative) SQLite file, whatever the current folder (ADR 0025):
/// the content root given (--contentRoot, ASPNETCORE_CONTENTROOT, DOTNET_CONTENTROOT; the test host gives one), else the
/// project folder when started there by `dotnet run` (its sources are the settings), else the application's own folder.
/// </summary>
public static class ContentRoot
{
    public static WebApplicationOptions Options(string[] args) => new() { Args = args, ContentRootPath = Choose(args) };

    /// <summary>Null when the content root is given (the host then takes it as given).</summary>
    public static string? Choose(string[] args, string? currentFolder = null)
    {
        var given = new ConfigurationBuilder().AddCommandLine(args).Build()["contentRoot"]
                    ?? Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT") ?? Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT");
        if (!string.IsNullOrEmpty(given)) return null;
        var cwd = currentFolder ?? Directory.GetCurrentDirectory();
        if (File.Exists(Path.Combine(cwd, "CountySkills.Web.csproj"))) return cwd;
        return AppContext.BaseDirectory;
    }

    /// <summary>
    /// Settles where the content lives once the builder exists: a relative SQLite Data Source (the default data/countyskills.db)
    /// is made absolute under the content root, so the database does not follow the current folder; and a build output run
    /// outside Development (no wwwroot folder, but the static-assets manifest of the build) serves its static files from the
    /// manifest as Development does.
    /// </summary>
    public static void Settle(WebApplicationBuilder builder)
    {
        var root = builder.Environment.ContentRootPath;
        if (!Data.DatabaseSetup.ProviderOf(builder.Configuration).Equals(Data.DatabaseProvider.Postgres))
        {
            var cs = builder.Configuration.GetConnectionString("Default") ?? Data.DatabaseSetup.DefaultSqlite;
            var anchored = AnchorSqlite(cs, root);
            if (anchored != cs) builder.Configuration["ConnectionStrings:Default"] = anchored;
        }
        var manifest = Path.Combine(AppContext.BaseDirectory, builder.Environment.ApplicationName + ".staticwebassets.runtime.json");
        if (!builder.Environment.IsDevelopment() && !Directory.Exists(Path.Combine(root, "wwwroot")) && File.Exists(manifest))
            builder.WebHost.UseStaticWebAssets();
    }

    /// <summary>"Data Source=data/x.db" -> "Data Source=ROOT/data/x.db"; absolute paths, :memory: and URIs stay as they are.</summary>
    public static string AnchorSqlite(string cs, string root)
    {
        SqliteConnectionStringBuilder b;
        try { b = new SqliteConnectionStringBuilder(cs); }
        catch (ArgumentException) { return cs; } // reported by the first query
        var source = b.DataSource;
        if (string.IsNullOrEmpty(source) || source == ":memory:" || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || Path.IsPathRooted(source))
            return cs;
        b.DataSource = Path.GetFullPath(Path.Combine(root, source));
        return b.ConnectionString;
    }
}
