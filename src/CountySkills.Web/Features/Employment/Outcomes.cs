using CountySkills.Web.Features.People;

namespace CountySkills.Web.Features.Employment;

/// <summary>
/// Employment outcomes of a cohort of trainees, computed live (modelled on the WIOA indicators, DOMAIN.md): GET /api/employment/outcomes
/// ?year=&classId=&brandId=&township=&tag=. The cohort is every trainee on the roster of a completed class (its end date in the year).
/// Each measure shows its numerator and denominator; a trainee enters a denominator only once the point it measures has passed.
/// </summary>
public static class Outcomes
{
    public sealed record Query
    {
        public int? Year { get; set; }
        public long? ClassId { get; set; }
        public long? BrandId { get; set; }
        public string? Township { get; set; }
        public string? Tag { get; set; }
    }

    public sealed record Measure(string Code, string Name, int Numerator, int Denominator, decimal? Rate, long? ValueFen, string Definition);

    public sealed record Report(int Cohort, DateOnly AsOf, IReadOnlyList<Measure> Measures);

    public sealed record Trainee(long PersonId, DateOnly Start, DateOnly End);
    public sealed record Job(long PersonId, DateOnly Start, DateOnly? Ended, long WageFen, long Id);
    public sealed record Check(long PlacementId, DateOnly DoneOn, long? WageFen);
    public sealed record Cert(long PersonId, DateOnly IssuedOn);

    /// <summary>The measures from the cohort's rows; pure, so the rules are tested and benchmarked apart from the queries.</summary>
    public static Report Compute(IReadOnlyList<Trainee> cohort, IReadOnlyList<Job> jobs, IReadOnlyList<Check> checks, IReadOnlyList<Cert> certs, DateOnly today)
    {
        var jobsOf = jobs.GroupBy(j => j.PersonId).ToDictionary(g => g.Key, g => g.OrderBy(j => j.Start).ToList());
        var certsOf = certs.GroupBy(c => c.PersonId).ToDictionary(g => g.Key, g => g.Select(c => c.IssuedOn).ToList());
        var wageChecks = checks.Where(c => c.WageFen is not null).GroupBy(c => c.PlacementId).ToDictionary(g => g.Key, g => g.OrderBy(c => c.DoneOn).ToList());
        static bool ActiveOn(Job j, DateOnly d) => j.Start <= d && (j.Ended is null || j.Ended >= d);

        int emp6 = 0, den6 = 0, emp12 = 0, den12 = 0, cert = 0, denCert = 0, ret6 = 0, denRet6 = 0, ret12 = 0, denRet12 = 0;
        var wages = new List<long>();
        foreach (var t in cohort)
        {
            var mine = jobsOf.GetValueOrDefault(t.PersonId) ?? [];
            var at6 = t.End.AddMonths(6);
            if (at6 <= today)
            {
                den6++;
                if (mine.LastOrDefault(j => ActiveOn(j, at6)) is { } job)
                {
                    emp6++;
                    var recorded = wageChecks.GetValueOrDefault(job.Id)?.LastOrDefault(c => c.DoneOn <= at6);
                    wages.Add(recorded?.WageFen ?? job.WageFen);
                }
            }
            var at12 = t.End.AddMonths(12);
            if (at12 <= today)
            {
                den12++;
                if (mine.Any(j => ActiveOn(j, at12))) emp12++;
                denCert++;
                if ((certsOf.GetValueOrDefault(t.PersonId) ?? []).Any(d => d >= t.Start && d <= at12)) cert++;
            }
            // Retention: the first job taken from the start of training to six months after it ended, still held 6 and 12 months on.
            if (mine.FirstOrDefault(j => j.Start >= t.Start && j.Start <= at6) is { } first)
            {
                if (first.Start.AddMonths(6) <= today) { denRet6++; if (ActiveOn(first, first.Start.AddMonths(6))) ret6++; }
                if (first.Start.AddMonths(12) <= today) { denRet12++; if (ActiveOn(first, first.Start.AddMonths(12))) ret12++; }
            }
        }
        wages.Sort();
        long? median = wages.Count == 0 ? null : wages.Count % 2 == 1 ? wages[wages.Count / 2] : (wages[wages.Count / 2 - 1] + wages[wages.Count / 2]) / 2;
        static decimal? Rate(int n, int d) => d == 0 ? null : Math.Round(100m * n / d, 1);
        return new Report(cohort.Count, today,
        [
            new("employed_6m", "培训结束后第 6 个月就业率", emp6, den6, Rate(emp6, den6), null, "分母：结业满 6 个月的学员；分子：其中结业后第 6 个月当天在岗的"),
            new("employed_12m", "培训结束后第 12 个月就业率", emp12, den12, Rate(emp12, den12), null, "分母：结业满 12 个月的学员；分子：其中结业后第 12 个月当天在岗的"),
            new("median_wage_6m", "第 6 个月月工资中位数", wages.Count, den6, null, median, "结业后第 6 个月在岗学员的月工资（有回访工资的取回访值）的中位数"),
            new("certificate_12m", "培训后 12 个月内取证率", cert, denCert, Rate(cert, denCert), null, "分母：结业满 12 个月的学员；分子：其中开班至结业后 12 个月内取得证书的"),
            new("retention_6m", "同一单位 6 个月留任率", ret6, denRet6, Rate(ret6, denRet6), null, "分母：结业后 6 个月内上岗且上岗满 6 个月的；分子：其中上岗 6 个月时仍在同一单位的"),
            new("retention_12m", "同一单位 12 个月留任率", ret12, denRet12, Rate(ret12, denRet12), null, "分母：结业后 6 个月内上岗且上岗满 12 个月的；分子：其中上岗 12 个月时仍在同一单位的"),
        ]);
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock)
    {
        public async Task<Result<Report>> Handle(Query q, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var enrolments = db.Enrolments.AsNoTracking().Where(e => e.Status == EnrolmentStatus.Active
                && (e.Class!.Status == ClassStatus.Completed || e.Class.Status == ClassStatus.Closed));
            if (q.Year is { } y)
            {
                var (from, to) = (new DateOnly(Math.Clamp(y, 1, 9998), 1, 1), new DateOnly(Math.Clamp(y, 1, 9998), 12, 31));
                enrolments = enrolments.Where(e => e.Class!.EndDate >= from && e.Class.EndDate <= to);
            }
            if (q.ClassId is { } cid) enrolments = enrolments.Where(e => e.ClassId == cid);
            if (q.BrandId is { } bid) enrolments = enrolments.Where(e => e.Class!.BrandId == bid);
            if (!string.IsNullOrWhiteSpace(q.Township))
            {
                if (q.Township.Length != 9 || !q.Township.All(char.IsAsciiDigit)) return Result.Invalid("township", "乡镇代码应为 9 位数字");
                enrolments = enrolments.Where(e => e.Person!.TownshipCode == q.Township);
            }
            if (!string.IsNullOrWhiteSpace(q.Tag))
            {
                if (!PersonVocabulary.TryParse(PersonVocabulary.Tags, q.Tag, out PersonTags tag)) return Result.Invalid("tag", $"未知的人员类别：{q.Tag}");
                enrolments = enrolments.Where(e => (e.Person!.Tags & tag) != 0);
            }
            // Within the caller's scope: a township officer's own people only.
            var people = db.People.VisibleTo(user);
            enrolments = enrolments.Where(e => people.Any(p => p.Id == e.PersonId));
            var cohort = await enrolments.Select(e => new Trainee(e.PersonId, e.Class!.StartDate, e.Class.EndDate)).ToListAsync(ct);
            var ids = enrolments.Select(e => e.PersonId);
            var jobs = await db.Placements.AsNoTracking().Where(p => ids.Contains(p.PersonId))
                .Select(p => new Job(p.PersonId, p.StartDate, p.EndedOn, p.MonthlyWageFen, p.Id)).ToListAsync(ct);
            var checks = await db.FollowUps.AsNoTracking().Where(f => f.DoneOn != null && f.WageFen != null && ids.Contains(f.PersonId))
                .Select(f => new Check(f.PlacementId, f.DoneOn!.Value, f.WageFen)).ToListAsync(ct);
            var certs = await db.Certificates.AsNoTracking().Where(c => c.RevokedUtc == null && ids.Contains(c.PersonId))
                .Select(c => new Cert(c.PersonId, c.IssuedOn)).ToListAsync(ct);
            return Compute(cohort, jobs, checks, certs, clock.Today());
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/employment/outcomes", async ([AsParameters] Query q, Handler h, CancellationToken ct) => (await h.Handle(q, ct)).ToHttp())
            .WithName(nameof(Outcomes)).WithSummary("Outcomes of a cohort of trainees (year, class, brand, township, tag), each with numerator and denominator")
            .RequirePermission(Perm.EmploymentOversight);
}
