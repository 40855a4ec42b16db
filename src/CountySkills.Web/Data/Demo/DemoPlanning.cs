using CountySkills.Web.Features.Indicators;
using CountySkills.Web.Features.Planning;
using CountySkills.Web.Features.Subsidies;

namespace CountySkills.Web.Data.Demo;

/// <summary>
/// The county's targets for the demo: the institutions' departments, the leadership group, this year's plan (issued, changed once with a
/// reason) with targets sized from the demo's own figures so that some townships are ahead and some behind, and the monthly reported
/// values of new urban jobs for last year and the past months of this year. Deterministic for a given demo ledger and day.
/// </summary>
public static class DemoPlanning
{
    /// <summary>How far ahead of (above 1) or behind (below 1) its expected progress each township is meant to be.</summary>
    static readonly decimal[] Pace = [1.18m, 1.0m, 0.88m, 0.72m, 1.1m, 0.97m, 0.92m, 1.25m, 0.78m, 1.04m, 0.85m, 1.12m, 0.99m, 0.9m, 1.07m, 0.7m, 1.15m, 0.95m];

    static readonly string[] Keys =
        ["training.person_times", "training.subsidised", "certificates.people", "labour.new_transfers", "labour.transferred", "brands.output", "followups.on_time_rate"];

    const string NewJobs = "employment.urban_new_jobs";

    static readonly DeductionBand[] Bands = [new(5, 2), new(10, 4), new(null, 6)];

    public static async Task SeedAsync(AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await db.Plans.AnyAsync(ct) || !await db.Regions.AnyAsync(ct)) return;
        var departments = await db.Departments.OrderBy(d => d.SortOrder).ToListAsync(ct);
        if (departments.Count == 0) return;
        var today = clock.Today();
        var now = clock.GetUtcNow().UtcDateTime;
        long Dep(string code) => departments.FirstOrDefault(d => d.Code == code)?.Id ?? departments[0].Id;

        foreach (var i in await db.Institutions.Where(i => i.DepartmentId == null).ToListAsync(ct))
            i.DepartmentId = Dep(i.Kind switch { InstitutionKind.AgriculturalBroadcastingSchool => "agri", InstitutionKind.VocationalEducationCentre => "education", _ => "hrss" });
        if (!await db.LeadershipMembers.AnyAsync(ct)) db.LeadershipMembers.AddRange(Group(departments));
        if (!await db.ReportedValues.AnyAsync(v => v.IndicatorKey == NewJobs, ct)) SeedNewJobs(db, today, now, Dep("hrss"));
        await db.SaveChangesAsync(ct);

        var rules = await SubsidyHistory.RulesAtAsync(db, now, ct);
        var period = new Period(new DateOnly(today.Year, 1, 1), today, today, rules.WorkingAgeMin, rules.WorkingAgeMax);
        var labels = await Labels.LoadAsync(db, ct);
        var townships = await db.Regions.Where(r => r.Level == AreaLevel.Township).OrderBy(r => r.Code).Select(r => r.Code).ToListAsync(ct);
        var share = ProgressRules.ElapsedShare(today);
        var items = new List<PlanItem>();
        for (var k = 0; k < Keys.Length; k++)
        {
            var ind = Catalogue.Find(Keys[k])!;
            var level = ProgressRules.IsLevel(ind);
            var actual = (await Figures.ComputeAsync(db, ind, period, null, Breakdown.Township, labels, ct)).ToDictionary(r => r.Code, r => r.Value ?? 0);
            var splits = townships.Select((t, n) => new PlanSplit(SplitKind.Township, t,
                level ? 90 : Math.Max(1, Math.Round(actual.GetValueOrDefault(t) / share / Pace[(n + 3 * k) % Pace.Length])))).ToList();
            var target = level ? 90 : splits.Sum(s => s.Target);
            if (ind.Breakdowns.Contains(Breakdown.Department) && !level)
                splits.AddRange(await DepartmentSplitsAsync(db, ind, period, labels, target, ct));
            items.Add(new PlanItem
            {
                IndicatorKey = ind.Key, Target = target, Points = 5, Bands = Bands, Splits = splits,
                BonusForExceeding = ind.Key == "training.person_times", MaxBonus = ind.Key == "training.person_times" ? 2 : 0, Veto = ind.Key == "labour.new_transfers",
            });
        }
        items.Add(NewJobsItem(today.Year, Dep("hrss")));

        var issued = Min(new DateTime(today.Year, 2, 20, 2, 0, 0, DateTimeKind.Utc), now);
        var plan = new Plan { Year = today.Year, Title = $"{today.Year}年度技能培训和劳务输出目标任务", CreatedUtc = issued.AddDays(-10), CreatedBy = "county" };
        plan.Change(plan.Title, items, null, "county", issued.AddDays(-10));
        plan.Issue("county", issued, PlanView.Additive);
        db.Plans.Add(plan);
        await db.SaveChangesAsync(ct);
        // One change after issuing, with its reason: the township with the largest training target hands two person-times to another.
        var changed = issued.AddDays(60);
        var training = items.Single(i => i.IndicatorKey == "training.person_times");
        var giver = training.Splits.Where(x => x.Kind == SplitKind.Township).MaxBy(x => x.Target);
        var taker = training.Splits.FirstOrDefault(x => x.Kind == SplitKind.Township && x.Code != giver?.Code);
        if (changed < now && giver is { Target: > 2 } && taker is not null)
        {
            var moved = items.Select(i => i != training ? i : i with
            {
                Splits = i.Splits.Select(x => x == giver ? x with { Target = x.Target - 2 } : x == taker ? x with { Target = x.Target + 2 } : x).ToList(),
            }).ToList();
            var names = await db.Regions.Where(r => r.Code == giver.Code || r.Code == taker.Code).ToDictionaryAsync(r => r.Code, r => r.Name, ct);
            plan.Change(plan.Title, moved, $"{names.GetValueOrDefault(giver.Code)}部分培训任务调整至{names.GetValueOrDefault(taker.Code)}（县领导小组第二次会议决定）", "county", changed);
            await db.SaveChangesAsync(ct);
        }
    }

    static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    /// <summary>The target split over the departments in the shares of what each has done so far (the largest takes the rounding).</summary>
    static async Task<List<PlanSplit>> DepartmentSplitsAsync(AppDbContext db, Indicator ind, Period period, Labels labels, decimal target, CancellationToken ct)
    {
        var rows = (await Figures.ComputeAsync(db, ind, period, null, Breakdown.Department, labels, ct)).Where(r => r.Value > 0).ToList();
        var all = rows.Sum(r => r.Value ?? 0);
        if (all == 0) return [];
        var splits = rows.Select(r => new PlanSplit(SplitKind.Department, labels.Departments.First(d => d.Id.ToString() == r.Code).Code, Math.Round(target * (r.Value ?? 0) / all))).ToList();
        var biggest = splits.IndexOf(splits.MaxBy(s => s.Target)!);
        splits[biggest] = splits[biggest] with { Target = splits[biggest].Target + target - splits.Sum(s => s.Target) };
        return splits;
    }

    static int MonthValue(int year, int month) => 650 + (year * 7 + month * 37) % 151;

    static void SeedNewJobs(AppDbContext db, DateOnly today, DateTime now, long hrss)
    {
        foreach (var (year, months) in new[] { (today.Year - 1, 12), (today.Year, today.Month - 1) })
            for (var m = 1; m <= months; m++)
                db.ReportedValues.Add(new ReportedValue
                {
                    IndicatorKey = NewJobs, Year = year, Month = m, AreaCode = DemoCounty.Code, DepartmentId = hrss, Value = MonthValue(year, m),
                    Note = "县人社局就业促进股按月汇总报送（来源：就业实名制系统）", EnteredBy = "county",
                    EnteredUtc = Min(new DateTime(year, m, 1, 2, 0, 0, DateTimeKind.Utc).AddMonths(1).AddDays(4), now),
                });
    }

    /// <summary>New urban jobs: a year's worth of the demo's monthly figures, split by quarter and given to the HR bureau.</summary>
    static PlanItem NewJobsItem(int year, long hrss)
    {
        var target = Math.Round(Enumerable.Range(1, 12).Sum(m => MonthValue(year, m)) / 100m) * 100;
        decimal[] quarters = [Math.Round(target * 0.23m / 10) * 10, Math.Round(target * 0.25m / 10) * 10, Math.Round(target * 0.27m / 10) * 10];
        return new PlanItem
        {
            IndicatorKey = NewJobs, Target = target, Points = 5, Bands = Bands,
            Splits = [.. quarters.Select((q, i) => new PlanSplit(SplitKind.Quarter, (i + 1).ToString(), q)), new PlanSplit(SplitKind.Quarter, "4", target - quarters.Sum()),
                new PlanSplit(SplitKind.Department, hrss.ToString(), target)],
        };
    }

    static IEnumerable<LeadershipMember> Group(List<Department> departments)
    {
        yield return new LeadershipMember { Name = "李志远", GroupPost = "组长", Office = "县委副书记、县长", SortOrder = 1 };
        yield return new LeadershipMember { Name = "陈国华", GroupPost = "副组长", Office = "县政府副县长（分管人社工作）", SortOrder = 2 };
        string[] heads = ["赵建军", "孙丽华", "周明远", "吴海涛", "郑晓燕", "冯志强", "王秀兰", "刘长青", "何文斌"];
        for (var i = 0; i < departments.Count; i++)
        {
            var d = departments[i];
            var title = d.Code == "women" ? "主席" : d.Name.EndsWith("局") ? "局长" : "主要负责人";
            yield return new LeadershipMember { Name = heads[i % heads.Length], GroupPost = "成员", Office = d.Name + title, DepartmentId = d.Id, SortOrder = 10 + i };
        }
    }
}
