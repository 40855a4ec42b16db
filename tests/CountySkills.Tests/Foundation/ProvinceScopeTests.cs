using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CountySkills.Tests.Infrastructure;
using CountySkills.Web.Data;
using CountySkills.Web.Domain;
using CountySkills.Web.Infrastructure;
using CountySkills.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CountySkills.Tests.Foundation;

/// <summary>
/// Area scopes above the county (DESIGN.md: a city is a 4-digit prefix, a province 2): records in two counties of city 4199 (419921,
/// 419922), one county of city 4198 (419821) of the same province 41, and some outside it (429921, province 42). For every role that
/// takes an area scope, accounts of the province, of each city and of the other province, made through the admin API, see exactly their
/// places in every area's list; a person of another city is "not found" by id and by ID number; dashboards and tables break down by the
/// next level (a province by its cities, a city by its counties).
/// </summary>
public abstract class ProvinceScopeTests(ProvinceScopeTests.Province app)
{
    public const string CountyA = "419921", CountyB = "419922", CountyC = "419821", Outside = "429921";

    /// <summary>The demo as a province of two counties (Demo:Counties=2), plus city 4198 and province 42, each with some records moved there.</summary>
    public abstract class Province : AppFactory
    {
        protected override int DemoPeople => 400;
        protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["Demo:Counties"] = "2" };
        public long PersonC { get; private set; }
        public long PersonOut { get; private set; }
        public string IdNumberC { get; private set; } = "";
        public string IdNumberOut { get; private set; } = "";
        readonly Dictionary<string, HttpClient> _clients = [];

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var scope = Scope();
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
            db.Regions.AddRange(
                new Region { Code = "4198", Name = "禾川市", Level = AreaLevel.City, ParentCode = "41" },
                new Region { Code = CountyC, Name = "清河县", Level = AreaLevel.County, ParentCode = "4198" },
                Region.Township(CountyC + "101", "青川镇"), Region.Village(CountyC + "101001", "张庄村"),
                new Region { Code = "42", Name = "邻省", Level = AreaLevel.Province },
                new Region { Code = "4299", Name = "邻市", Level = AreaLevel.City, ParentCode = "42" },
                new Region { Code = Outside, Name = "邻县", Level = AreaLevel.County, ParentCode = "4299" },
                Region.Township(Outside + "101", "邻镇"), Region.Village(Outside + "101001", "李庄村"));
            await db.SaveChangesAsync();

            // People no demo record uses, moved: 12 to county C, 6 outside the province, and some of county B kept for records.
            var busy = await db.Enrolments.Select(e => e.PersonId).Union(db.Placements.Select(p => p.PersonId)).Union(db.Certificates.Select(c => c.PersonId))
                .Union(db.BrandMembers.Select(m => m.PersonId)).Union(db.Businesses.Select(b => b.FounderId)).ToListAsync();
            var free = await db.People.Where(p => p.MergedIntoId == null && !busy.Contains(p.Id)).OrderByDescending(p => p.Id).Select(p => new { p.Id, p.TownshipCode }).ToListAsync();
            var toC = free.Where(p => p.TownshipCode.StartsWith(CountyA)).Take(12).Select(p => p.Id).ToList();
            var toOut = free.Where(p => p.TownshipCode.StartsWith(CountyA)).Skip(12).Take(6).Select(p => p.Id).ToList();
            var inB = free.Where(p => p.TownshipCode.StartsWith(CountyB)).Take(6).Select(p => p.Id).ToList();
            await db.People.Where(p => toC.Contains(p.Id)).ExecuteUpdateAsync(s => s.SetProperty(p => p.AreaCode, CountyC + "101001").SetProperty(p => p.TownshipCode, CountyC + "101"));
            await db.People.Where(p => toOut.Contains(p.Id)).ExecuteUpdateAsync(s => s.SetProperty(p => p.AreaCode, Outside + "101001").SetProperty(p => p.TownshipCode, Outside + "101"));
            (PersonC, PersonOut) = (toC[0], toOut[0]);
            IdNumberC = await db.People.Where(p => p.Id == PersonC).Select(p => p.IdNumber).SingleAsync();
            IdNumberOut = await db.People.Where(p => p.Id == PersonOut).Select(p => p.IdNumber).SingleAsync();

            // Records moved onto them: each kind gets one in county B, two in county C and one outside the province.
            var targets = new[] { (inB[0], CountyB), (toC[1], CountyC), (toC[2], CountyC), (toOut[1], Outside) };
            var villageOf = await db.People.Where(p => targets.Select(t => t.Item1).Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.AreaCode);
            var placements = await db.Placements.OrderBy(p => p.Id).Select(p => p.Id).Take(targets.Length).ToListAsync();
            for (var i = 0; i < placements.Count; i++)
            {
                var (who, village) = (targets[i].Item1, villageOf[targets[i].Item1]);
                await db.Placements.Where(p => p.Id == placements[i]).ExecuteUpdateAsync(s => s.SetProperty(p => p.PersonId, who).SetProperty(p => p.AreaCode, village));
                await db.FollowUps.Where(f => f.PlacementId == placements[i]).ExecuteUpdateAsync(s => s.SetProperty(f => f.PersonId, who).SetProperty(f => f.AreaCode, village));
            }
            await MoveAll(db.Certificates.OrderBy(c => c.Id).Select(c => c.Id), (id, who, _) => db.Certificates.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.PersonId, who)));
            await MoveAll(db.BrandMembers.OrderBy(m => m.Id).Select(m => m.Id), (id, who, _) => db.BrandMembers.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.PersonId, who)));
            await MoveAll(db.Businesses.OrderBy(b => b.Id).Select(b => b.Id), (id, who, village) => db.Businesses.Where(b => b.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.FounderId, who).SetProperty(b => b.AreaCode, village)));
            var incubator = await db.Incubators.OrderBy(i => i.Id).Select(i => i.Id).FirstAsync();
            await db.Incubators.Where(i => i.Id == incubator).ExecuteUpdateAsync(s => s.SetProperty(i => i.AreaCode, CountyC + "101001"));
            // Institutions (and so their classes and claims): those with classes, the second to county C, the third outside.
            var withClasses = await db.Classes.Select(c => c.InstitutionId).Distinct().OrderBy(i => i).ToListAsync();
            if (withClasses.Count > 1) await db.Institutions.Where(i => i.Id == withClasses[1]).ExecuteUpdateAsync(s => s.SetProperty(i => i.AreaCode, CountyC + "101001"));
            if (withClasses.Count > 2) await db.Institutions.Where(i => i.Id == withClasses[2]).ExecuteUpdateAsync(s => s.SetProperty(i => i.AreaCode, Outside + "101001"));

            async Task MoveAll(IQueryable<long> ids, Func<long, long, string, Task<int>> set)
            {
                var list = await ids.Take(targets.Length).ToListAsync();
                for (var i = 0; i < list.Count; i++) await set(list[i], targets[i].Item1, villageOf[targets[i].Item1]);
            }
        }

        /// <summary>An account of the role with the area scope (null: none), made through the admin API, its one-time password changed.</summary>
        public async Task<HttpClient> As(string role, string? area)
        {
            var key = $"{role}:{area}";
            if (_clients.TryGetValue(key, out var known)) return known;
            var admin = await ClientFor("admin");
            var name = $"p{role.ToLowerInvariant()}{area ?? "all"}";
            var created = await HttpAssert.Json(await admin.PostAsJsonAsync("/api/admin/users", new { userName = name, displayName = "范围 " + key, role, areaCode = area }),
                HttpStatusCode.Created);
            var otp = created.GetProperty("oneTimePassword").GetString()!;
            var first = await ClientFor(name, otp);
            await HttpAssert.Json(await first.PostAsJsonAsync("/api/account/password", new { currentPassword = otp, newPassword = "Scope#2026x" }));
            return _clients[key] = await ClientFor(name, "Scope#2026x");
        }
    }

    /// <summary>One list of an area: the permission it needs, its address, how to count it, and whether records of it were moved into
    /// county C and outside the province (so those counts must not be 0).</summary>
    public sealed record Area(string Name, string Perm, string Url, Func<JsonElement, int> Count, bool Moved, string[]? Only = null);

    static int Total(JsonElement e) => e.GetProperty("total").GetInt32();
    static int Length(JsonElement e) => e.GetArrayLength();

    public static readonly Area[] Areas =
    [
        new("people", Perm.PeopleRead, "/api/people?pageSize=1", Total, true),
        new("classes", Perm.TrainingRead, "/api/training/classes?pageSize=1", Total, false),
        new("certificates", Perm.CertificatesRead, "/api/certificates?pageSize=1", Total, true),
        new("claims", Perm.SubsidiesRead, "/api/subsidies/claims?pageSize=1", Total, false),
        new("placements", Perm.EmploymentRead, "/api/employment/placements?pageSize=1", Total, true),
        new("follow-ups", Perm.EmploymentRead, "/api/employment/follow-ups?state=all&pageSize=1", Total, false),
        new("brand members", Perm.BrandsRead, "/api/brands/{brand}/members", Length, false),
        new("incubators", Perm.EntrepreneurshipRead, "/api/entrepreneurship/incubators", Length, false),
        new("businesses", Perm.EntrepreneurshipRead, "/api/entrepreneurship/businesses", Length, true),
        new("dashboard people trained", Perm.DashboardRead, "/api/dashboard", e => Kpi(e, "training.person_times"), false),
        new("dashboard new transfers", Perm.DashboardRead, "/api/dashboard", e => Kpi(e, "labour.new_transfers"), false),
        new("transfer table", Perm.ReportsRead, "/api/reports/transfer", e => (int)e.GetProperty("totals").GetProperty("total").GetDecimal(), false),
        // The county officer's work list (other roles' lists count accounts and audit entries, which no area holds); not the targets.
        new("home", Perm.SignedIn, "/api/home", e => e.GetProperty("sections").EnumerateArray().Where(s => s.GetProperty("key").GetString() != "targets")
            .Sum(s => s.GetProperty("count").GetInt32()), false, [Roles.CountyOfficer]),
    ];

    static int Kpi(JsonElement dash, string key) =>
        (int)(dash.GetProperty("kpis").EnumerateArray().Single(k => k.GetProperty("key").GetString() == key).GetProperty("value").GetDecimal());

    public static readonly string[] ScopedRoles = [Roles.CountyOfficer, Roles.Viewer, Roles.Auditor, Roles.Admin];

    public static TheoryData<string> AreaNames() => new(Areas.Select(a => a.Name));

    async Task<string> Address(Area a)
    {
        if (!a.Url.Contains("{brand}")) return a.Url;
        await using var scope = app.Scope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var brand = await db.BrandMembers.OrderBy(m => m.Id).Select(m => m.BrandId).FirstAsync();
        return a.Url.Replace("{brand}", brand.ToString());
    }

    [Theory]
    [MemberData(nameof(AreaNames))]
    public async Task Every_scoped_role_sees_exactly_its_province_or_city(string areaName)
    {
        var area = Areas.Single(a => a.Name == areaName);
        var url = await Address(area);
        foreach (var role in ScopedRoles.Where(r => Perm.RolesOf(area.Perm).Contains(r) && (area.Only is null || area.Only.Contains(r))))
        {
            async Task<int> N(string? scope) => area.Count(await HttpAssert.Json(await (await app.As(role, scope)).GetAsync(url)));
            var (all, province, cityAB, cityC, other) = (await N(null), await N("41"), await N("4199"), await N("4198"), await N("42"));
            var at = $"{area.Name} as {role}: all {all}, 41 {province}, 4199 {cityAB}, 4198 {cityC}, 42 {other}";
            // A province holds its two cities and nothing of the other province; the installation is the two provinces.
            Assert.True(province == cityAB + cityC, at);
            Assert.True(all == province + other, at);
            if (area.Moved) Assert.True(cityAB > 0 && cityC > 0 && other > 0, at);
        }
    }

    [Fact]
    public async Task A_city_account_lists_both_counties_of_its_city_and_no_one_else()
    {
        await using var scope = app.Scope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var inCity = await db.People.Where(p => p.MergedIntoId == null).Where(Scope.AreaPrefix<Person>("4199")).CountAsync();
        foreach (var role in ScopedRoles)
        {
            var page = await HttpAssert.Json(await (await app.As(role, "4199")).GetAsync("/api/people?pageSize=200&sort=township"));
            Assert.Equal(inCity, Total(page));
            var counties = page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("townshipCode").GetString()![..6]).ToHashSet();
            Assert.Subset(new HashSet<string> { CountyA, CountyB }, counties);
        }
    }

    [Fact]
    public async Task A_person_of_another_city_or_province_is_not_found_by_id_or_by_id_number()
    {
        foreach (var role in ScopedRoles)
        {
            var city = await app.As(role, "4199");
            var province = await app.As(role, "41");
            foreach (var (client, id, number) in new[] { (city, app.PersonC, app.IdNumberC), (province, app.PersonOut, app.IdNumberOut), (city, app.PersonOut, app.IdNumberOut) })
            {
                var byId = await HttpAssert.Problem(await client.GetAsync($"/api/people/{id}"), HttpStatusCode.NotFound);
                Assert.Equal("person.not_found", byId.GetProperty("code").GetString());
                if (!Perm.RolesOf(Perm.PeopleSearchExact).Contains(role)) continue;
                var byNumber = await HttpAssert.Problem(await client.GetAsync($"/api/people/by-id-number/{number}"), HttpStatusCode.NotFound);
                Assert.Equal("person.not_found", byNumber.GetProperty("code").GetString());
            }
            Assert.Equal(app.PersonC, (await HttpAssert.Json(await province.GetAsync($"/api/people/{app.PersonC}"))).GetProperty("id").GetInt64());
            if (Perm.RolesOf(Perm.PeopleSearchExact).Contains(role))
                await HttpAssert.Json(await province.GetAsync($"/api/people/by-id-number/{app.IdNumberC}"));
        }
    }

    [Theory]
    [InlineData(null, new[] { "4198", "4199", "4299" })]
    [InlineData("41", new[] { "4198", "4199" })]
    [InlineData("4199", new[] { CountyB, CountyA })]
    [InlineData("4198", new[] { CountyC })]
    public async Task Dashboards_and_tables_break_down_by_the_next_level(string? scope, string[] rows)
    {
        var client = await app.As(Roles.CountyOfficer, scope);
        var dash = await HttpAssert.Json(await client.GetAsync("/api/dashboard"));
        var series = dash.GetProperty("breakdowns").GetProperty("township")[0].GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("code").GetString()).ToList();
        Assert.Equal(rows.Order(StringComparer.Ordinal), series.Order(StringComparer.Ordinal));
        var table = await HttpAssert.Json(await client.GetAsync("/api/reports/transfer"));
        Assert.Equal(rows.Length, table.GetProperty("rows").GetArrayLength());
    }

    [Theory]
    [InlineData(Roles.CountyOfficer, "41")]
    [InlineData(Roles.Auditor, "4199")]
    [InlineData(Roles.Viewer, "419922")]
    [InlineData(Roles.Admin, "4198")]
    public async Task An_admin_gives_an_account_a_province_city_or_county_scope_and_it_is_named(string role, string area)
    {
        var me = await HttpAssert.Json(await (await app.As(role, area)).GetAsync("/api/auth/me"));
        Assert.Equal(area, me.GetProperty("areaScope").GetString());
        var names = new Dictionary<string, string> { ["41"] = "河南省", ["4199"] = "丰州市", ["4198"] = "禾川市" };
        if (names.TryGetValue(area, out var name)) Assert.Contains(name, me.GetProperty("scopeName").GetString());
        var admin = await app.ClientFor("admin");
        foreach (var wrong in new[] { "4", "419", "4197", "43" })
        {
            var p = await HttpAssert.Problem(await admin.PostAsJsonAsync("/api/admin/users", new { userName = "bad" + wrong, displayName = "范围", role, areaCode = wrong }),
                HttpStatusCode.BadRequest);
            Assert.Equal("user.scope_invalid", p.GetProperty("code").GetString());
        }
    }
}

public sealed class ProvinceSqlite : ProvinceScopeTests.Province
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class ProvincePostgres : ProvinceScopeTests.Province
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

public sealed class ProvinceScopeTests_Sqlite(ProvinceSqlite app) : ProvinceScopeTests(app), IClassFixture<ProvinceSqlite>;
public sealed class ProvinceScopeTests_Postgres(ProvincePostgres app) : ProvinceScopeTests(app), IClassFixture<ProvincePostgres>;
