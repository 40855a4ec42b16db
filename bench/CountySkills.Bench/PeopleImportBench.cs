using CountySkills.Web.Infrastructure.Excel;
using System.Diagnostics;
using CountySkills.Web.Data.Demo;
using CountySkills.Web.Domain;
using CountySkills.Web.Infrastructure;
using CountySkills.Web.Features.People;
using CountySkills.Web.Features.People.Import;
using MiniExcelLibs;

namespace CountySkills.Bench;

/// <summary>
/// Import of an N-row xlsx ledger end to end (parse, validate, upsert) through ImportPeople.Handler, against the
/// baseline of inserting the same rows with a raw prepared statement in one transaction. Prints both, the ratio and
/// the peak working set. SQLite, or PostgreSQL with --provider postgres (each database created for the run, dropped after).
/// </summary>
public static class PeopleImportBench
{
    public static async Task RunAsync(int n)
    {
        await using var app = await BenchApp.StartAsync();
        var today = app.Clock.Today();
        var villages = DemoCounty.Regions().ToDictionary(r => r.Code, r => r.Name);
        var xlsx = Path.Combine(app.Dir, "ledger.xlsx");
        var sw = Stopwatch.StartNew();
        await using (var fs = File.Create(xlsx))
            await fs.SaveAsAsync(new DemoPeople(424242, today).Generate(n, DateTime.UtcNow).Select((p, i) => LedgerWorkbook.Row(p, villages, i + 1, reveal: true)), sheetName: "台账");
        Console.WriteLine($"wrote {n:N0}-row xlsx ({new FileInfo(xlsx).Length / 1024 / 1024:N1} MB) in {sw.Elapsed.TotalSeconds:F1} s");

        var handler = new ImportPeople.Handler(app.Factory, app.User, app.Clock, new PersonInput.Validator(app.Clock), new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        sw.Restart();
        var readOnly = 0;
        await using (var fs = new FileStream(xlsx, FileMode.Open, FileAccess.Read, FileShare.Read, 81920))
        using (var reader = CountySkills.Web.Infrastructure.Excel.SheetReader.Open(fs, "ledger.xlsx", LedgerColumns.Synonyms, LedgerColumns.Required))
            foreach (var _ in reader.Rows()) readOnly++;
        var parse = sw.Elapsed;
        sw.Restart();
        await using (var fs = new FileStream(xlsx, FileMode.Open, FileAccess.Read, FileShare.Read, 81920))
            _ = await handler.Run(fs, "ledger.xlsx", ImportMode.DryRun, null, default);
        var dry = sw.Elapsed;
        sw.Restart();
        ImportReport report;
        await using (var fs = new FileStream(xlsx, FileMode.Open, FileAccess.Read, FileShare.Read, 81920))
            report = (await handler.Run(fs, "ledger.xlsx", ImportMode.Commit, null, default)).Value ?? throw new InvalidOperationException("import refused the file");
        var import = sw.Elapsed;
        if (report.Created != n) throw new InvalidOperationException($"expected {n} created, got {report.Created} (rejected {report.Rejected}: {report.Errors.FirstOrDefault()})");

        sw.Restart();
        await using (var fs = new FileStream(xlsx, FileMode.Open, FileAccess.Read, FileShare.Read, 81920))
            report = (await handler.Run(fs, "ledger.xlsx", ImportMode.Commit, null, default)).Value!;
        var again = sw.Elapsed;
        if (report.Unchanged != n) throw new InvalidOperationException($"re-import: expected {n} unchanged, got {report.Unchanged}");

        var peak = Process.GetCurrentProcess().PeakWorkingSet64;

        // Baseline: the same people, raw prepared INSERT in one transaction, on an identically migrated database.
        await using var baseApp = await BenchApp.StartAsync();
        var people = new DemoPeople(424242, today).Generate(n, DateTime.UtcNow).ToList();
        var baseline = await PeopleInsertBench.Baseline(baseApp.Provider, baseApp.ConnectionString, people);

        Table.Print($"people-import: N = {n:N0} rows, xlsx, {app.ProviderName}",
            ["path", "seconds", "rows/s", "ratio to baseline"],
            [
                [app.Provider == CountySkills.Web.Data.DatabaseProvider.Postgres ? "baseline: prepared INSERT row by row, one transaction (the import writes by COPY)" : "baseline: prepared INSERT, one transaction", $"{baseline.TotalSeconds:F2}", $"{n / baseline.TotalSeconds:N0}", "1.00x"],
                ["read the sheet only (SheetReader)", $"{parse.TotalSeconds:F2}", $"{n / parse.TotalSeconds:N0}", $"{parse / baseline:F2}x"],
                ["dry run (read, validate, look up)", $"{dry.TotalSeconds:F2}", $"{n / dry.TotalSeconds:N0}", $"{dry / baseline:F2}x"],
                ["import commit (parse, validate, upsert)", $"{import.TotalSeconds:F2}", $"{n / import.TotalSeconds:N0}", $"{import / baseline:F2}x"],
                ["same file again (all unchanged)", $"{again.TotalSeconds:F2}", $"{n / again.TotalSeconds:N0}", $"{again / baseline:F2}x"],
            ]);
        Console.WriteLine($"peak working set while writing the file and importing it (before the baseline ran): {peak / 1024 / 1024:N0} MiB");
    }
}
