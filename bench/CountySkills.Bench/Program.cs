using CountySkills.Bench;

// Usage: dotnet run -c Release --project bench/CountySkills.Bench -- [people-insert] [--n 100000] [--provider postgres]
var n = args.SkipWhile(a => a != "--n").Skip(1).Select(int.Parse).DefaultIfEmpty(100_000).First();
var which = args.FirstOrDefault(a => !a.StartsWith("--") && !int.TryParse(a, out _) && a is not ("postgres" or "sqlite" or "both")) ?? "people-insert";
// --provider postgres: the benches' databases on PostgreSQL (CS_TEST_PG's server, else one started for the run); load takes both;
// ledger-export has no database.
var provider = args.SkipWhile(a => a != "--provider").Skip(1).FirstOrDefault();
await using var pg = which is not ("load" or "dashboard" or "ledger-export") && provider == "postgres" ? await PgServer.StartAsync() : null;
BenchApp.Postgres = pg;
switch (which)
{
    case "people-insert":
        await PeopleInsertBench.RunAsync(n);
        return 0;
    case "people-import":
        await PeopleImportBench.RunAsync(n);
        return 0;
    case "people-list":
        await PeopleListBench.RunAsync(n);
        return 0;
    case "training" or "training-roster" or "person-timeline":
        await TrainingBench.RunAsync(args.Contains("--n") ? n : 700_000, which);
        return 0;
    case "employment-outcomes":
        await OutcomesBench.RunAsync(args.Contains("--n") ? n : 700_000);
        return 0;
    case "account-gate":
        await AccountGateBench.RunAsync(args.Contains("--n") ? n : 20_000);
        return 0;
    case "subsidy-eligibility":
        await SubsidyBench.RunAsync(args.Contains("--n") ? n : 700_000);
        return 0;
    case "dashboard":
        return await DashboardBench.RunAsync(args.Contains("--n") ? n : 700_000, args);
    case "load":
        return await LoadBench.RunAsync(args);
    case "ledger-export":
        await ExportBench.RunAsync(args.Contains("--n") ? n : 200_000);
        return 0;
    default:
        Console.Error.WriteLine($"Unknown benchmark '{which}'. Available: people-insert, people-import, people-list, training-roster, person-timeline, training, subsidy-eligibility, employment-outcomes, account-gate, ledger-export, dashboard, load");
        return 2;
}
