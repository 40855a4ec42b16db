using CountySkills.Web.Features.Employment;

namespace CountySkills.Web.Features.Indicators;

/// <summary>The outcome measures of the employment area (modelled on WIOA, DOMAIN.md) as indicators: the cohort is the trainees of
/// classes that ended in the period; the rules are <see cref="Employment.Outcomes.Compute"/>, the same as the outcomes page.</summary>
public static partial class Catalogue
{
    static IQueryable<Fact> Cohort(AppDbContext db, Period p) =>
        db.Enrolments.Where(e => e.Status == EnrolmentStatus.Active && (e.Class!.Status == ClassStatus.Completed || e.Class.Status == ClassStatus.Closed)
                && e.Class.EndDate >= p.From && e.Class.EndDate <= p.To)
            .Select(e => new Fact
            {
                RecordId = e.Id, PersonId = e.PersonId, AreaCode = e.Person!.AreaCode, Township = e.Person.TownshipCode, Day = e.Class!.EndDate,
                Kind = (int)e.Class.Kind, Brand = e.Class.BrandId ?? 0, Tags = (int)e.Person.Tags, Value = 1,
            });

    static Indicator Outcome(string code, string name, string nameEn, string unit, IndicatorKind kind) => new()
    {
        Key = "outcomes." + code, Name = name, NameEn = nameEn, Unit = unit, Kind = kind, Aggregate = Aggregate.Ratio, Breakdowns = [Breakdown.Township, Breakdown.Brand],
        RecordKind = "enrolment", Facts = (db, p) => [Cohort(db, p)], Custom = (db, p, facts, by, ct) => ComputeOutcome(db, p, facts, by, code, ct),
        Definition = $"期间内结业的培训班学员（队列）的“{name}”，口径同就业成效页", DefinitionEn = $"{nameEn} of the trainees of classes that ended in the period, as on the outcomes page",
    };

    static Indicator[] Outcomes =>
    [
        Outcome("employed_6m", "培训结束后第 6 个月就业率", "Employed 6 months after training", "%", IndicatorKind.Rate),
        Outcome("employed_12m", "培训结束后第 12 个月就业率", "Employed 12 months after training", "%", IndicatorKind.Rate),
        Outcome("median_wage_6m", "第 6 个月月工资中位数", "Median monthly wage 6 months after", "分", IndicatorKind.Median),
        Outcome("certificate_12m", "培训后 12 个月内取证率", "Certified within 12 months", "%", IndicatorKind.Rate),
        Outcome("retention_6m", "同一单位 6 个月留任率", "Retention with the same employer at 6 months", "%", IndicatorKind.Rate),
        Outcome("retention_12m", "同一单位 12 个月留任率", "Retention with the same employer at 12 months", "%", IndicatorKind.Rate),
    ];

    static async Task<IReadOnlyList<CustomRow>> ComputeOutcome(AppDbContext db, Period p, IQueryable<Fact> facts, Breakdown? by, string code, CancellationToken ct)
    {
        var ids = facts.Select(f => f.RecordId);
        var cohort = await db.Enrolments.AsNoTracking().Where(e => ids.Contains(e.Id))
            .Select(e => new { e.PersonId, e.Class!.StartDate, e.Class.EndDate, Township = e.Person!.TownshipCode, Brand = e.Class.BrandId ?? 0 }).ToListAsync(ct);
        var people = facts.Select(f => f.PersonId);
        var jobs = await db.Placements.AsNoTracking().Where(x => people.Contains(x.PersonId))
            .Select(x => new Employment.Outcomes.Job(x.PersonId, x.StartDate, x.EndedOn, x.MonthlyWageFen, x.Id)).ToListAsync(ct);
        var checks = await db.FollowUps.AsNoTracking().Where(f => f.DoneOn != null && f.WageFen != null && people.Contains(f.PersonId))
            .Select(f => new Employment.Outcomes.Check(f.PlacementId, f.DoneOn!.Value, f.WageFen)).ToListAsync(ct);
        var certs = await db.Certificates.AsNoTracking().Where(c => c.RevokedUtc == null && people.Contains(c.PersonId))
            .Select(c => new Employment.Outcomes.Cert(c.PersonId, c.IssuedOn)).ToListAsync(ct);
        return cohort.GroupBy(c => by switch { Breakdown.Township => c.Township, Breakdown.Brand => c.Brand.ToString(), _ => "" })
            .Select(g =>
            {
                var report = Employment.Outcomes.Compute(g.Select(c => new Employment.Outcomes.Trainee(c.PersonId, c.StartDate, c.EndDate)).ToList(), jobs, checks, certs, p.Today);
                var m = report.Measures.Single(x => x.Code == code);
                return new CustomRow(g.Key, m.ValueFen ?? m.Rate, m.Numerator, m.Denominator);
            }).ToList();
    }
}
