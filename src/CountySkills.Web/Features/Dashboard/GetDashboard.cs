using CountySkills.Web.Features.Employment;
using CountySkills.Web.Features.Indicators;
using B = CountySkills.Web.Features.Indicators.Breakdown;

namespace CountySkills.Web.Features.Dashboard;

/// <summary>
/// Every figure of the leaders' dashboard and the command-centre screen in one request: GET /api/dashboard?year=&amp;area=.
/// Computed from the records now (nothing cached) by the indicator engine, over the year (1 January to today, or to 31 December
/// of a past year) and the area (the caller's own when none; a township officer always gets their township).
/// </summary>
public static class GetDashboard
{
    public sealed record Query
    {
        public int? Year { get; set; }
        public string? Area { get; set; }
    }

    public static readonly string[] KpiKeys =
    [
        "training.person_times", "training.subsidised", "certificates.people", "labour.new_transfers", "labour.transferred", "brands.output",
        "followups.on_time_rate", "subsidies.paid_fen",
    ];

    public static readonly string[] TrendKeys = ["training.person_times", "labour.new_transfers"];

    /// <summary>A card: the figure as GET /api/indicators/{key}/values gives it, this year's target (the issued plan's, or the township's split) and progress in %.</summary>
    public sealed record Kpi(string Key, string Name, string NameEn, string Unit, string Kind, decimal? Value, long? Numerator, long? Denominator,
        decimal? Target, decimal? Progress);

    public sealed record Point(string Code, string Name, decimal? Value);

    /// <summary>One indicator's figures by the groups of a breakdown (the codes a drill-down takes as group=).</summary>
    public sealed record Series(string Key, string Name, string NameEn, string Unit, IReadOnlyList<Point> Rows);

    public sealed record Trend(string Key, string Name, string NameEn, string Unit, IReadOnlyList<decimal?> ThisYear, IReadOnlyList<decimal?> LastYear);

    public sealed record Breakdowns(IReadOnlyList<Series> Township, IReadOnlyList<Series> ClassKind, IReadOnlyList<Series> TargetGroup,
        IReadOnlyList<Series> Occupation, IReadOnlyList<Series> Brand, IReadOnlyList<Series> Band);

    /// <summary>A township's place: the average of actual ÷ its target over the plan's items split to it (null without one), and its new transfers.</summary>
    public sealed record Rank(string Code, string Name, decimal? Progress, int Items, decimal? NewTransfers, decimal? NewTransfersTarget);

    public sealed record OpenWork(int ClassesAwaitingApproval, int ClaimsInReview, int OverdueFollowUps, int UnpaidWageAlerts);

    /// <summary>A recent placement for the screen: the name masked (张*英), no ID number, phone or birth date.</summary>
    public sealed record Placed(long Id, string Name, string Township, string Employer, string? City, string Band, DateOnly StartDate);

    public sealed record View(DateTime AsOf, int Year, DateOnly From, DateOnly To, string? Area, string AreaName, long? PlanId, string RankingBasis,
        IReadOnlyList<Kpi> Kpis, IReadOnlyDictionary<string, Trend> Trends, Breakdowns Breakdowns, IReadOnlyList<Rank> Ranking, OpenWork OpenWork,
        IReadOnlyList<Placed> RecentPlacements)
    {
        /// <summary>Where the figures were read (a replica may lag): source "primary"|"replica", dataAsOf, lagSeconds.</summary>
        [System.Text.Json.Serialization.JsonIgnore] public DataFreshness? Freshness { get; init; }
        public string Source => Freshness?.Source ?? DataFreshness.Primary;
        public DateTime DataAsOf => Freshness?.DataAsOf ?? AsOf;
        public double LagSeconds => Freshness?.LagSeconds ?? 0;
    }

    public sealed class Handler(IReadDbContextFactory dbs, CurrentUser user, TimeProvider clock)
    {
        public async Task<Result<View>> Handle(Query q, CancellationToken ct)
        {
            var asOf = clock.GetUtcNow().UtcDateTime;
            var today = clock.Today();
            var year = q.Year ?? today.Year;
            if (year < 2000 || year > today.Year) return Result.Invalid("year", $"年份应在 2000 至 {today.Year} 之间", "dashboard.year_invalid");
            var (from, to) = (new DateOnly(year, 1, 1), year == today.Year ? today : new DateOnly(year, 12, 31));
            await using var db = await dbs.CreateDbContextAsync(ct);
            var fresh = await dbs.FreshnessAsync(db, ct);
            var r = await IndicatorRequest.ResolveAsync(db, user, clock, KpiKeys[0], new IndicatorQuery { From = from, To = to, Area = q.Area }, ct);
            if (!r.IsOk) return r.AsFailure();
            var at = r.Value!;
            var area = at.Area;
            var labels = await Labels.LoadAsync(db, ct);
            var plan = await db.Plans.AsNoTracking().Where(p => p.Year == year && p.Status == PlanStatus.Issued)
                .OrderByDescending(p => p.IssuedUtc).FirstOrDefaultAsync(ct);
            var items = plan?.Items ?? [];
            // The breakdown's rows: the next level down (a province's cities, a city's counties, a county's townships).
            var rowLength = Figures.RowLength(area, labels);
            var towns = labels.Areas.Keys.Where(c => c.Length == rowLength && (area is null || c.StartsWith(area[..Math.Min(rowLength, area.Length)], StringComparison.Ordinal)))
                .Order(StringComparer.Ordinal).ToList();

            async Task<IReadOnlyList<FigureRow>> Rows(string key, B by, Period? p = null) =>
                await Figures.ComputeAsync(db, Catalogue.Find(key)!, p ?? at.Period, area, by, labels, ct);

            // The cards, each as GetIndicatorValues computes it (with the breakdown the charts need where one comes free).
            var byTown = new Dictionary<string, IReadOnlyList<FigureRow>>();
            var kpis = new List<Kpi>();
            IReadOnlyList<FigureRow> brandRows = [];
            foreach (var key in KpiKeys)
            {
                B? by = key switch { "training.person_times" or "labour.new_transfers" => B.Township, "brands.output" => B.Brand, _ => null };
                var v = await GetIndicatorValues.ComputeAsync(db, at with { Indicator = Catalogue.Find(key)!, By = by }, clock, ct, labels);
                if (by == B.Township) byTown[key] = v.Rows;
                if (by == B.Brand) brandRows = v.Rows;
                var target = Targets.Of(items, key, area);
                kpis.Add(new Kpi(key, v.Name, Catalogue.Find(key)!.NameEn, v.Unit, v.Kind, v.Total.Value, v.Total.Numerator, v.Total.Denominator, target,
                    Targets.Progress(v.Total.Value, target)));
            }

            var trends = new Dictionary<string, Trend>();
            var lastYear = at.Period with { From = new DateOnly(year - 1, 1, 1), To = new DateOnly(year - 1, 12, 31) };
            foreach (var key in TrendKeys)
            {
                var ind = Catalogue.Find(key)!;
                var now = (await Rows(key, B.Month)).ToDictionary(x => x.Code, x => x.Value);
                var then = (await Rows(key, B.Month, lastYear)).ToDictionary(x => x.Code, x => x.Value);
                trends[key] = new Trend(key, ind.Name, ind.NameEn, ind.Unit,
                    Enumerable.Range(1, 12).Select(m => m > to.Month ? null : (decimal?)(now.GetValueOrDefault($"{year:D4}-{m:D2}") ?? 0m)).ToList(),
                    Enumerable.Range(1, 12).Select(m => (decimal?)(then.GetValueOrDefault($"{year - 1:D4}-{m:D2}") ?? 0m)).ToList());
            }

            Series S(string key, IEnumerable<FigureRow> rows)
            {
                var i = Catalogue.Find(key)!;
                return new(key, i.Name, i.NameEn, i.Unit, rows.Select(x => new Point(x.Code, x.Group, x.Value)).ToList());
            }
            IEnumerable<FigureRow> EveryTown(string key) => towns.Select(t => byTown[key].FirstOrDefault(x => x.Code == t) ?? new FigureRow(labels.AreaName(t), t, 0));
            var groups = await Rows("training.person_times", B.TargetGroup);
            var placedGroups = await Rows("labour.new_transfers", B.TargetGroup);
            var groupCodes = groups.Concat(placedGroups).Select(x => x.Code).Distinct().OrderBy(c => c == "0").ThenBy(c => long.Parse(c)).ToList();
            IEnumerable<FigureRow> Aligned(IReadOnlyList<FigureRow> rows) =>
                groupCodes.Select(c => rows.FirstOrDefault(x => x.Code == c) ?? new FigureRow(labels.Of(B.TargetGroup, c, Catalogue.Find("labour.new_transfers")!), c, 0));
            var breakdowns = new Breakdowns(
                [S("training.person_times", EveryTown("training.person_times")), S("labour.new_transfers", EveryTown("labour.new_transfers"))],
                [S("training.person_times", await Rows("training.person_times", B.ClassKind))],
                [S("training.person_times", Aligned(groups)), S("labour.new_transfers", Aligned(placedGroups))],
                [S("training.person_times", (await Rows("training.person_times", B.Occupation)).OrderByDescending(x => x.Value).ThenBy(x => x.Code).Take(10))],
                [S("brands.output", brandRows.OrderByDescending(x => x.Value))],
                [S("labour.new_transfers", await Rows("labour.new_transfers", B.Band))]);

            var (ranking, basis) = await Targets.RankAsync(db, at, labels, items, towns, byTown, ct);
            var work = await OpenWorkAsync(db, area, today, ct);
            var recent = await RecentAsync(db, area, from, to, labels, ct);
            return new View(asOf, year, from, to, area, labels.AreaName(area ?? user.AreaScope), plan?.Id, basis, kpis, trends, breakdowns, ranking, work, recent)
                { Freshness = fresh };
        }

        async Task<OpenWork> OpenWorkAsync(AppDbContext db, string? area, DateOnly today, CancellationToken ct)
        {
            var followUps = db.FollowUps.AsNoTracking().Visible(user);
            var alerts = db.Alerts.AsNoTracking().WorkVisibleTo(user, a => (long?)null);
            if (area is not null) (followUps, alerts) = (followUps.Where(Scope.AreaPrefix<FollowUp>(area)), alerts.Where(Scope.AreaPrefix<EmploymentAlert>(area)));
            return new OpenWork(
                await db.Classes.OwnedBy(user).CountAsync(c => c.Status == ClassStatus.Submitted, ct),
                await db.Claims.OwnedBy(user).CountAsync(c => c.Status == ClaimStatus.Submitted || c.Status == ClaimStatus.Reviewed, ct),
                await followUps.CountAsync(f => !f.Cancelled && f.DoneOn == null && f.DueOn < today, ct),
                await alerts.CountAsync(a => a.ClosedUtc == null && a.Kind == AlertKind.UnpaidWages, ct));
        }

        async Task<List<Placed>> RecentAsync(AppDbContext db, string? area, DateOnly from, DateOnly to, Labels labels, CancellationToken ct)
        {
            var q = db.Placements.AsNoTracking().Visible(user).Where(p => p.StartDate >= from && p.StartDate <= to);
            if (area is not null) q = q.Where(Scope.AreaPrefix<Placement>(area));
            var rows = await q.OrderByDescending(p => p.StartDate).ThenByDescending(p => p.Id).Take(20)
                .Select(p => new { p.Id, p.Person!.Name, p.AreaCode, p.EmployerName, p.City, p.Band, p.StartDate }).ToListAsync(ct);
            return rows.Select(p => new Placed(p.Id, Person.MaskName(p.Name), labels.AreaName(p.AreaCode[..Math.Min(9, p.AreaCode.Length)]), p.EmployerName, p.City,
                p.Band.Folded(), p.StartDate)).ToList();
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/dashboard", async ([AsParameters] Query q, Handler h, CancellationToken ct) => (await h.Handle(q, ct)).ToHttp())
            .WithName(nameof(GetDashboard)).WithTags("Dashboard").RequirePermission(Perm.DashboardRead)
            .WithSummary("Every figure of the dashboard and the screen for a year and an area, computed from the records now");
}
