using CountySkills.Web.Features.Employment;
using CountySkills.Web.Features.People;
using CountySkills.Web.Features.Planning;
using CountySkills.Web.Features.Training;

namespace CountySkills.Web.Features.Dashboard;

public static partial class GetHome
{
    public sealed partial class Handler
    {
        async Task<Section> FollowUpsAsync(string key, string state, CancellationToken ct)
        {
            var link = $"/employment?tab=followups&state={state}";
            var page = (await followUps.Handle(new ListFollowUps.Query { State = state, PageSize = First }, ct)).Value!;
            return new(key, page.Total, link, page.Items.Select(f => new Entry(f.Name, link, $"{f.EmployerName} · {f.DueOn:yyyy-MM-dd}")).ToList());
        }

        /// <summary>Open alerts (of one kind, or all), as the alerts tab lists them.</summary>
        async Task<Section> AlertsAsync(string key, AlertKind? kind, CancellationToken ct)
        {
            const string link = "/employment?tab=alerts";
            var open = (await alerts.List(true, ct)).Where(a => kind is null || a.Kind == kind).ToList();
            return new(key, open.Count, link, open.Take(First).Select(a => new Entry(a.Text, link, $"{clock.ToLocal(a.RaisedUtc):yyyy-MM-dd}")).ToList());
        }

        /// <summary>Ledger records to complete (<see cref="Person.LedgerIncomplete"/>), through the ledger's own filter.</summary>
        async Task<Section> IncompleteAsync(CancellationToken ct)
        {
            const string link = "/people?incomplete=true";
            await using var db = await dbs.CreateDbContextAsync(ct);
            var filtered = await new PeopleFilter(Incomplete: true).ApplyAsync(db, user, clock.Today(), search, ct);
            if (!filtered.IsOk) return new("people.incomplete", 0, link, []);
            var people = filtered.Value!;
            var first = await people.OrderBy(p => p.Id).Take(First).ToListAsync(ct);
            return new("people.incomplete", await people.CountAsync(ct), link,
                first.Select(p => new Entry(p.Name, $"/people/{p.Id}", Flags: p.LedgerGaps())).ToList());
        }

        /// <summary>This year's issued plan against its targets: the county's rows, or the user's township's (PlanProgress decides which a user sees).</summary>
        async Task<Section> TargetsAsync(string dimension, CancellationToken ct)
        {
            const string link = "/dashboard";
            await using var db = await dbs.CreateDbContextAsync(ct);
            var year = clock.Today().Year;
            var plan = await db.Plans.AsNoTracking().Where(p => p.Year == year && p.Status == PlanStatus.Issued)
                .OrderByDescending(p => p.IssuedUtc).Select(p => (long?)p.Id).FirstOrDefaultAsync(ct);
            if (plan is null) return new("targets", 0, "/planning", []);
            var report = await PlanProgress.ComputeAsync(db, user, clock, plan.Value, null, null, ct);
            var rows = report.IsOk ? report.Value!.Rows.Where(r => r.Dimension == dimension).ToList() : [];
            return new("targets", rows.Count, link, rows.Select(r => new Entry(r.IndicatorName, link, $"{r.Actual ?? 0:0.##} / {r.Target:0.##}",
                r.Progress is { } p ? (int)Math.Round(p) : null, r.Light, r.IndicatorNameEn)).ToList());
        }

        /// <summary>The institution's classes by state, returned ones first (each state links to the list so filtered).</summary>
        async Task<Section> ClassesByStateAsync(CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var counts = await db.Classes.AsNoTracking().OwnedBy(user).GroupBy(c => c.Status).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
            ClassStatus[] order = [ClassStatus.Returned, ClassStatus.Draft, ClassStatus.Submitted, ClassStatus.Approved, ClassStatus.InProgress, ClassStatus.Completed];
            var items = order.Where(counts.ContainsKey).Select(s => new Entry(Zh.Of(s), $"/training/classes?status={s}", Count: counts[s], Code: s.ToString())).ToList();
            return new("classes", counts.Values.Sum(), "/training/classes", items);
        }

        async Task<Section> ClassListAsync(string key, ListClasses.Query q, string link, CancellationToken ct)
        {
            var r = await classes.Handle(q with { PageSize = First }, ct);
            if (!r.IsOk) return new(key, 0, link, []);
            return new(key, r.Value!.Total, link, r.Value.Items.Select(c => new Entry(c.Name, $"/training/classes/{c.Id}", c.InstitutionName)).ToList());
        }

        async Task<Section> ClaimListAsync(string key, ClaimStatus status, CancellationToken ct)
        {
            var link = $"/subsidies/claims?status={status}";
            var r = await claims.Handle(new Subsidies.ListClaims.Query { Status = status.ToString(), PageSize = First }, ct);
            if (!r.IsOk) return new(key, 0, link, []);
            return new(key, r.Value!.Total, link, r.Value.Items.Select(c => new Entry(c.ClassName, $"/subsidies/claims/{c.Id}",
                c.NoticeEndsOn is { } end && status == ClaimStatus.InNotice ? $"{c.Number} · {end:yyyy-MM-dd}" : c.Number)).ToList());
        }

        /// <summary>The employer's open job orders and how far each is filled (placed / positions).</summary>
        async Task<Section> JobOrdersAsync(CancellationToken ct)
        {
            const string link = "/employment?tab=partners";
            var open = (await orders.List(null, ct)).Where(o => o.Status == JobOrderStatus.Open).ToList();
            return new("joborders.open", open.Count, link, open.Take(First).Select(o => new Entry(o.Title, link, $"{o.Placed} / {o.Headcount}", o.Placed)).ToList());
        }

        /// <summary>Accounts an administrator must look at: locked out, and awaiting their first sign-in (a one-time password not yet changed).</summary>
        async Task<List<Section>> AccountsAsync(CancellationToken ct)
        {
            const string link = "/admin/users";
            await using var db = await dbs.CreateDbContextAsync(ct);
            var enabled = db.Users.AsNoTracking().Where(u => !u.Disabled);
            var locked = (await enabled.Where(u => u.LockoutEnd != null).OrderBy(u => u.UserName).ToListAsync(ct)).Where(u => Infrastructure.Auth.AppUser.LockedOut(u.LockoutEnd)).ToList();
            var pending = enabled.Where(u => u.MustChangePassword);
            var firstPending = await pending.OrderBy(u => u.UserName).Take(First).ToListAsync(ct);
            Entry Of(Infrastructure.Auth.AppUser u) => new(u.DisplayName, link, u.UserName);
            return
            [
                new("accounts.locked", locked.Count, link, locked.Take(First).Select(Of).ToList()),
                new("accounts.awaiting", await pending.CountAsync(ct), link, firstPending.Select(Of).ToList()),
            ];
        }
    }
}
