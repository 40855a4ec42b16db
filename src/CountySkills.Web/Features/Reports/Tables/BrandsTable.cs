using CountySkills.Web.Features.Indicators;

namespace CountySkills.Web.Features.Reports.Tables;

/// <summary>
/// 劳务品牌情况表: one row per labour brand; its members on the last day, the period's training (training.person_times by brand) and
/// output (brands.output), its workers outside the county on the last day (labour.transferred by brand and band, the bands out of the
/// county), their average monthly wage and the jobs it drives (brands.jobs_driven).
/// </summary>
public static class BrandsTable
{
    public const string Key = "brands", Title = "劳务品牌情况表";

    public static async Task<StatTable> BuildAsync(ReportArea r, CancellationToken ct)
    {
        var trained = await r.ByAsync("training.person_times", Breakdown.Brand, ct);
        var output = await r.ByAsync("brands.output", Breakdown.Brand, ct);
        var working = await r.CrossAsync(ReportArea.Indicator("labour.transferred"), [Breakdown.Brand, Breakdown.Band], ct);
        var wages = await r.ByAsync(Catalogue.BrandWages, Breakdown.Brand, ct);
        var allWages = await r.TotalAsync(Catalogue.BrandWages, ct);
        var jobs = await r.ByAsync("brands.jobs_driven", Breakdown.Brand, ct);
        var members = await MembersAsync(r, ct);
        var brands = await r.Db.Brands.AsNoTracking().OrderBy(b => b.Id).Select(b => new { b.Id, b.Name, b.Category }).ToListAsync(ct);
        var outside = Figures.BandGroups.Where(b => b.Code != "county").Select(b => b.Code).ToArray();

        var t = r.Table(Key, Title, "单位：人、人次、元", [new StatLabelColumn("品牌名称"), new StatLabelColumn("品牌类别")],
        [
            StatHeader.Column("members", "品牌成员数"),
            StatHeader.Column("trained", "培训人次"),
            StatHeader.Group("就业情况",
                StatHeader.Column("output", "本期输出人数"),
                StatHeader.Column("outside", "期末在外务工人数"),
                StatHeader.Column("wage", "平均月工资（元）", StatFormat.Yuan, StatTotal.Fixed(Average(allWages))),
                StatHeader.Column("jobs", "带动就业人数")),
        ]);

        foreach (var b in brands)
        {
            var code = b.Id.ToString();
            t.AddRow([b.Name, b.Category], new Dictionary<string, decimal?>
            {
                ["members"] = members.GetValueOrDefault(b.Id),
                ["trained"] = ReportArea.Of(trained, code),
                ["output"] = ReportArea.Of(output, code),
                ["outside"] = outside.Sum(band => ReportArea.Of(working, code, band)),
                ["wage"] = wages.TryGetValue(code, out var w) ? Average(w) : null,
                ["jobs"] = ReportArea.Of(jobs, code),
            });
        }
        return r.WithNotes(t,
            "说明：1. 品牌成员数为截至期末已加入且未退出品牌的成员人数；培训人次为期间内开班的品牌培训班的人次。",
            "2. 本期输出人数为期间内以品牌名义上岗的人数（按人去重）；期末在外务工人数为期末当天以品牌名义在岗、务工地在县外（县外省内、省外及境外）的人数。",
            "3. 平均月工资为期末在岗且登记了月工资的品牌就业人员的平均数，合计栏为全部品牌的平均数；带动就业人数含品牌带动创办的经营主体吸纳的就业人数。");
    }

    /// <summary>Yuan from the sum of wages in fen over their number; null when no one has a wage entered.</summary>
    static decimal? Average(FigureRow f) => f.Denominator is > 0 ? Math.Round((f.Numerator ?? 0) / 100m / f.Denominator.Value, 2) : null;

    /// <summary>Members who joined by the last day and have not left, counted once per brand, those of the area's people.</summary>
    static async Task<Dictionary<long, decimal>> MembersAsync(ReportArea r, CancellationToken ct)
    {
        var to = r.Period.To;
        var people = r.Area is null ? r.Db.People : r.Db.People.Where(Scope.AreaPrefix<Person>(r.Area));
        var members = r.Db.BrandMembers.Where(m => m.RevokedUtc == null && m.JoinedOn <= to)
            .Join(people, m => m.PersonId, p => p.Id, (m, p) => new { m.BrandId, m.PersonId });
        var counts = await members.GroupBy(m => m.BrandId).Select(g => new { g.Key, N = g.Select(m => m.PersonId).Distinct().Count() }).ToListAsync(ct);
        return counts.ToDictionary(c => c.Key, c => (decimal)c.N);
    }
}
