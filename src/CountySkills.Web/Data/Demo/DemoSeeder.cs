using CountySkills.Web.Domain;
using CountySkills.Web.Features.Admin.Settings;
using CountySkills.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CountySkills.Web.Data.Demo;

/// <summary>When the demo adds two years of history (<see cref="DemoHistory"/>) after its hand-made records: never (the default, and the
/// tests'), only with a ledger of at most <see cref="DemoSeeder.FirstStartHistoryLimit"/> people this call created (a first start), or
/// whenever it is missing (seed --history).</summary>
public enum HistorySeeding { None, NewLedger, Always }

/// <summary>Fills an empty database with the demo county. Idempotent: a part already there is left alone.</summary>
public sealed class DemoSeeder(IDbContextFactory<AppDbContext> dbs, TimeProvider clock, CurrentSettings settings, ILogger<DemoSeeder> log)
{
    public const string DemoPassword = "Demo#2026";

    public static readonly (string User, string Name, string Role)[] Accounts =
    [
        ("admin", "系统管理员", Roles.Admin),
        ("county", "县人社局 张科长", Roles.CountyOfficer),
        ("town01", "青石镇 劳动保障专干", Roles.TownshipOfficer),
        ("school01", "县高级技工学校 教务员", Roles.InstitutionStaff),
        ("employer01", "京禾家政服务公司 联络员", Roles.EmployerStaff),
        ("viewer", "县政府 分管领导", Roles.Viewer),
        ("auditor", "县纪委监委 审计员", Roles.Auditor),
    ];

    public static readonly (string Name, InstitutionKind Kind, string Township)[] InstitutionSeeds =
    [
        ("禾丰县人社局就业培训中心", InstitutionKind.PublicTrainingBase, "419921001001"),
        ("禾丰县高级技工学校", InstitutionKind.SeniorTechnicalSchool, "419921001002"),
        ("禾丰县农业广播电视学校", InstitutionKind.AgriculturalBroadcastingSchool, "419921101001"),
        ("禾丰县职业教育中心", InstitutionKind.VocationalEducationCentre, "419921001003"),
        ("禾丰足疗技能培训中心", InstitutionKind.EnterpriseTrainingCentre, "419921401001"),
    ];

    public static readonly (string Name, EmployerKind Kind, string Province, string City)[] EmployerSeeds =
    [
        ("北京京禾家政服务有限公司", EmployerKind.HousekeepingAgency, "北京市", "北京市"),
        ("上海禾丰母婴护理有限公司", EmployerKind.HousekeepingAgency, "上海市", "上海市"),
        ("郑州康足连锁足疗有限公司", EmployerKind.FootCareChain, "河南省", "郑州市"),
        ("西安艾乡艾灸养生有限公司", EmployerKind.Moxibustion, "陕西省", "西安市"),
        ("禾丰县产业集聚区电子科技有限公司", EmployerKind.Factory, "河南省", "禾丰县"),
    ];

    /// <summary>A valid unified social credit code made from a seed number (demo organisations only).</summary>
    public static string CreditCodeFor(int n, string kind = "91")
    {
        var first17 = $"{kind}419921{n:D9}";
        return first17 + CreditCode.ComputeCheck(first17);
    }

    /// <summary>A first start adds history only to a ledger this small, so it stays quick (seed --history adds it to any).</summary>
    public const int FirstStartHistoryLimit = 20_000;

    /// <summary>The demo county without history (what the tests count on).</summary>
    public Task SeedAsync(int people, bool accounts, CancellationToken ct = default) => SeedAsync(people, accounts, HistorySeeding.None, ct);

    public Task SeedAsync(int people, bool accounts, HistorySeeding history, CancellationToken ct = default) =>
        SeedAsync(people, accounts, history, counties: 1, progress: null, ct);

    /// <param name="counties">How many counties the demo has (1: the demo county 禾丰县; more: a demo province, <see cref="DemoProvince"/>);
    /// only an empty database takes it (the regions are seeded once).</param>
    /// <param name="progress">Told the number of people stored so far after each batch (seed shows rows/s and % done).</param>
    public async Task SeedAsync(int people, bool accounts, HistorySeeding history, int counties, Action<int>? progress, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await db.Regions.AnyAsync(ct))
        {
            db.Regions.AddRange(DemoProvince.Regions(counties));
            db.Institutions.AddRange(InstitutionSeeds.Select((s, i) => new Institution
            {
                Name = s.Name, Kind = s.Kind, AreaCode = s.Township, CreditCode = CreditCodeFor(i + 1, "12"), OnCatalogue = true,
            }));
            db.Employers.AddRange(EmployerSeeds.Select((s, i) => new Employer
            {
                Name = s.Name, Kind = s.Kind, Province = s.Province, City = s.City, CreditCode = CreditCodeFor(100 + i),
            }));
            await db.SaveChangesAsync(ct);
            log.LogInformation("Demo county {Name} seeded", DemoCounty.Name);
        }
        var existing = await db.People.CountAsync(ct);
        var newLedger = existing == 0 && people > 0;
        if (newLedger) await StorePeopleAsync(people, counties, progress, ct);
        if (accounts) await SeedAccountsAsync(ct);
        // The occupations catalogue is there already: the migration step adds it (Cli.MigrateAsync).
        await using (var training = await dbs.CreateDbContextAsync(ct))
            await DemoTraining.SeedAsync(training, clock.Today(), clock.GetUtcNow().UtcDateTime, ct);
        await using (var calendar = await dbs.CreateDbContextAsync(ct))
            await DemoSettings.SeedAsync(calendar, clock, ct);
        await using (var subsidies = await dbs.CreateDbContextAsync(ct))
            await DemoSubsidies.SeedAsync(subsidies, clock, ct);
        await using (var employment = await dbs.CreateDbContextAsync(ct))
            await DemoEmployment.SeedAsync(employment, clock, (await settings.FollowUpIntervalsAsync(employment, ct)).Value.Months, ct);
        await using (var brands = await dbs.CreateDbContextAsync(ct))
            await DemoBrands.SeedAsync(brands, clock, ct);
        if (history == HistorySeeding.Always || (history == HistorySeeding.NewLedger && newLedger && people <= FirstStartHistoryLimit))
            await SeedHistoryAsync(ct);
        await using (var planning = await dbs.CreateDbContextAsync(ct)) await DemoPlanning.SeedAsync(planning, clock, ct);
    }

    /// <summary>Two years of history in proportion to the ledger, beside the hand-made records (after them: they take the first classes and trainees);
    /// nothing when it is there already. Returns what was added, or null.</summary>
    public async Task<DemoHistory.Summary?> SeedHistoryAsync(CancellationToken ct = default)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var months = (await settings.FollowUpIntervalsAsync(db, ct)).Value.Months;
        var added = await DemoHistory.SeedAsync(db, clock, months, ct);
        if (added is not null) log.LogInformation("Demo history of two years for {People} people added in {Seconds:F1} s: {Summary}", added.People, started.Elapsed.TotalSeconds, added);
        return added;
    }

    /// <summary>Generates the demo ledger deterministically and stores it.</summary>
    public Task StorePeopleAsync(int count, CancellationToken ct = default) => StorePeopleAsync(count, 1, null, ct);

    /// <summary>Generates the ledger of a demo of <paramref name="counties"/> counties (people spread over all their villages) and stores it.
    /// PostgreSQL takes larger batches (one COPY and one summary audit entry per 50,000 people).</summary>
    public async Task StorePeopleAsync(int count, int counties, Action<int>? progress, CancellationToken ct = default)
    {
        var gen = new DemoPeople(seed: 20260101, today: clock.Today(), villages: counties > 1 ? DemoProvince.Villages(counties) : null);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var batch = db.Database.IsNpgsql() && count > 100_000 ? 50_000 : 5_000;
        await StorePeopleAsync(gen.Generate(count, clock.GetUtcNow().UtcDateTime), ct, batch, progress);
    }

    /// <summary>
    /// Stores people in batches through the app's bulk path (the EF model's mapping, a prepared statement on SQLite,
    /// binary COPY on PostgreSQL), each batch in one transaction with one summary audit entry instead of one per row.
    /// </summary>
    public async Task<int> StorePeopleAsync(IEnumerable<Person> people, CancellationToken ct = default, int batch = 5_000, Action<int>? progress = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var stored = 0;
        foreach (var chunk in people.Chunk(batch))
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await BulkInsert.InsertAsync(db, chunk, ct);
            db.AuditEntries.Add(new AuditEntry
            {
                AtUtc = now, UserName = db.Actor.UserName, Action = AuditEntry.Insert, Entity = nameof(Person),
                EntityKey = $"batch:{stored + 1}-{stored + chunk.Length}",
                Changes = $"{{\"count\":[null,{chunk.Length}],\"source\":[null,\"bulk load\"]}}",
            });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            stored += chunk.Length;
            progress?.Invoke(stored);
        }
        log.LogInformation("People stored: {Count}", stored);
        return stored;
    }

    async Task SeedAccountsAsync(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var existing = await db.Users.Select(u => u.UserName).ToListAsync(ct);
        var school = await db.Institutions.Where(i => i.Kind == InstitutionKind.SeniorTechnicalSchool).Select(i => i.Id).FirstAsync(ct);
        var employer = await db.Employers.OrderBy(e => e.Id).Select(e => e.Id).FirstAsync(ct);
        var hasher = new PasswordHasher<AppUser>();
        foreach (var role in Roles.All.Where(r => !db.Roles.Any(x => x.Name == r)))
            db.Roles.Add(new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() });
        await db.SaveChangesAsync(ct);
        var roleIds = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, ct);
        foreach (var (userName, name, role) in Accounts.Where(a => !existing.Contains(a.User)))
        {
            var user = new AppUser
            {
                UserName = userName, NormalizedUserName = userName.ToUpperInvariant(), DisplayName = name, Role = role,
                SecurityStamp = Guid.NewGuid().ToString(), LockoutEnabled = true,
                AreaScope = role switch
                {
                    Roles.TownshipOfficer => DemoCounty.Townships[1].Code,
                    Roles.Admin => null,
                    Roles.InstitutionStaff or Roles.EmployerStaff => null,
                    _ => DemoCounty.Code,
                },
                InstitutionId = role == Roles.InstitutionStaff ? school : null,
                EmployerId = role == Roles.EmployerStaff ? employer : null,
            };
            user.PasswordHash = hasher.HashPassword(user, DemoPassword);
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleIds[role] });
        }
        await db.SaveChangesAsync(ct);
    }
}
