namespace CountySkills.Web.Data.Demo;

/// <summary>The history's labour export: placements of trainees after their class and of other people of the ledger, follow-ups at the
/// configured months (most on time, some late, some overdue), a few unpaid-wage alerts, and some placements ended.</summary>
public sealed partial class DemoHistory
{
    /// <summary>Where people find work by themselves: province, city, band, a made-up employer and the position.</summary>
    static readonly (string Province, string City, DestinationBand Band, string Employer, string Position)[] Jobs =
    [
        ("河南省", "禾丰县", DestinationBand.InCounty, "禾丰县宏达建材有限公司", "操作工"), ("河南省", "禾丰县", DestinationBand.InCounty, "禾丰县惠民超市", "营业员"),
        ("河南省", "禾丰县", DestinationBand.InCounty, "禾丰县现代农业产业园", "种植工"), ("河南省", "禾丰县", DestinationBand.InCounty, "禾丰县顺达物流有限公司", "快递员"),
        ("河南省", "禾丰县", DestinationBand.InCounty, "禾丰县产业集聚区纺织有限公司", "挡车工"), ("河南省", "禾丰县", DestinationBand.InCounty, "禾丰县人民医院", "护工"),
        ("河南省", "丰州市", DestinationBand.OutOfCountyInCity, "丰州市鑫源机械有限公司", "焊工"), ("河南省", "丰州市", DestinationBand.OutOfCountyInCity, "丰州市城投建设工程公司", "建筑工"),
        ("河南省", "郑州市", DestinationBand.OutOfCityInProvince, "郑州航空港区电子科技有限公司", "操作工"), ("河南省", "洛阳市", DestinationBand.OutOfCityInProvince, "洛阳新材料有限公司", "电工"),
        ("河南省", "郑州市", DestinationBand.OutOfCityInProvince, "郑州惠济区餐饮连锁", "厨师"),
        ("广东省", "深圳市", DestinationBand.OutOfProvince, "深圳市华强电子有限公司", "操作工"), ("江苏省", "苏州市", DestinationBand.OutOfProvince, "苏州工业园区精密制造有限公司", "数控车工"),
        ("浙江省", "杭州市", DestinationBand.OutOfProvince, "杭州余杭电商产业园", "主播助理"), ("北京市", "北京市", DestinationBand.OutOfProvince, "北京城建集团项目部", "钢筋工"),
        ("上海市", "上海市", DestinationBand.OutOfProvince, "上海浦东物流有限公司", "分拣员"), ("广东省", "广州市", DestinationBand.OutOfProvince, "广州白云餐饮管理有限公司", "厨师"),
        ("新疆维吾尔自治区", "乌鲁木齐市", DestinationBand.OutOfProvince, "新疆棉花农场", "采棉工"),
        ("境外", "新加坡", DestinationBand.Abroad, "新加坡建筑工程有限公司", "建筑工"), ("境外", "日本", DestinationBand.Abroad, "日本技能实习合作企业", "技能实习生"),
    ];
    static readonly string[] EndReasons = ["合同期满", "返乡照顾家庭", "更换工作", "个人辞职"];
    static readonly string[] Notes = ["电话回访，在岗正常", "微信视频回访，工作稳定", "走访家属，反映在岗", "电话回访，收入稳定"];

    async Task<(int Placements, int FollowUps, int Alerts)> EmploymentAsync(List<ClassPlan> plans, CancellationToken ct)
    {
        var agreements = await _db.Agreements.AsNoTracking().Where(a => a.EmployerId != null).ToListAsync(ct);
        var placements = new List<Placement>();
        // Over half the passed trainees find work within two months, most through the county when the class had a partner.
        foreach (var plan in plans.Where(p => p.Completed))
            foreach (var t in plan.Trainees.Where(t => t.Enrolment.Passed == true && Chance(0.55)))
            {
                var start = Weekday(plan.Class.EndDate.AddDays(_rnd.Next(3, 60)));
                if (start <= _today && _placed.Add(t.Person.Id)) placements.Add(FromClass(plan, t.Person, start));
            }
        // Everyone else, in whatever bands, organisation and brands bring the whole to ~35/25/40%, ~40% organised and ~15% under a brand.
        var target = Math.Max(placements.Count, Share(PlacementsPerYear, _from, _today));
        var others = target - placements.Count;
        int Need(Func<Placement, bool> f, double share) => Math.Max(0, (int)(share * target) - placements.Count(f));
        var brandShare = others == 0 ? 0 : Need(p => p.BrandId != null, 0.15) / (double)others;
        var organisedShare = others == 0 ? 0 : Need(p => p.Organised, 0.40) / (double)others;
        double[] bands = [Need(p => p.Band == DestinationBand.InCounty, 0.35), Need(p => p.Band is DestinationBand.OutOfCountyInCity or DestinationBand.OutOfCityInProvince, 0.25),
            Need(p => p.Band >= DestinationBand.OutOfProvince, 0.40)];
        for (var i = 0; i < others; i++)
        {
            var start = Weekday(Between(_from, _today));
            if (start > _today) start = _today;
            if (Pick(p => Age(p, start) is >= 18 and <= 59 && !_placed.Contains(p.Id) && !_training.ContainsKey(p.Id)) is not { } person) continue;
            _placed.Add(person.Id);
            placements.Add(Chance(brandShare) ? UnderBrand(person, start) : Elsewhere(person, start, Band(bands), Chance(organisedShare)));
        }
        foreach (var p in placements)
        {
            p.AgreementId = agreements.FirstOrDefault(a => a.EmployerId == p.EmployerId && a.InForce(p.StartDate))?.Id;
            FollowUps(p);
        }
        var alerts = UnpaidWages(placements);
        await StorePlacementsAsync(placements, alerts, ct);
        return (placements.Count, placements.Sum(p => p.FollowUps.Count), alerts.Count);
    }

    Placement FromClass(ClassPlan plan, Candidate person, DateOnly start)
    {
        var cls = plan.Class;
        var employer = cls.EmployerId is { } id ? _employers.First(e => e.Id == id) : Chance(0.6) ? PartnerFor(plan.Occupation.Category) : null;
        if (employer is null) return Elsewhere(person, start, Chance(0.5) ? 0 : Chance(0.5) ? 1 : 2, Chance(0.3), plan.Id, Position(plan.Occupation));
        return AtPartner(person, start, employer, cls.BrandId, plan.Id, Position(plan.Occupation));
    }

    /// <summary>A worker sent out under a labour brand to one of its partners.</summary>
    Placement UnderBrand(Candidate person, DateOnly start)
    {
        var category = Chance(0.6) ? "家政" : Chance(0.75) ? "康养/足疗" : "艾灸";
        if (!_brands.TryGetValue(category, out var brand) || PartnerFor(category) is not { } employer) return Elsewhere(person, start, 2, true);
        return AtPartner(person, start, employer, brand, null, category switch { "家政" => "母婴护理员", "康养/足疗" => "足疗技师", _ => "艾灸师" });
    }

    Employer? PartnerFor(string category) => _employers.Count < 5 ? null : category switch
    {
        "家政" => _employers[_rnd.Next(2)], "康养/足疗" => _employers[2], "艾灸" => _employers[3], "制造" => _employers[4], _ => null,
    };

    Placement AtPartner(Candidate person, DateOnly start, Employer e, long? brand, long? classId, string position)
    {
        var band = e.Province == "河南省" ? e.City == "禾丰县" ? DestinationBand.InCounty : DestinationBand.OutOfCityInProvince : DestinationBand.OutOfProvince;
        return NewPlacement(person, start, e.Id, e.Name, e.Province, e.City, band, position, true, classId, brand);
    }

    /// <summary>A job outside the partners: in band 0 (the county), 1 (the province) or 2 (outside, a few abroad).</summary>
    Placement Elsewhere(Candidate person, DateOnly start, int band, bool organised, long? classId = null, string? position = null)
    {
        var jobs = Jobs.Where(j => band switch
        {
            0 => j.Band == DestinationBand.InCounty, 1 => j.Band is DestinationBand.OutOfCountyInCity or DestinationBand.OutOfCityInProvince,
            _ => j.Band == DestinationBand.OutOfProvince || (j.Band == DestinationBand.Abroad && Chance(0.1)),
        }).ToList();
        var job = OneOf(jobs);
        return NewPlacement(person, start, null, job.Employer, job.Province, job.City, job.Band, position ?? job.Position, organised, classId, null);
    }

    Placement NewPlacement(Candidate person, DateOnly start, long? employerId, string employer, string? province, string? city, DestinationBand band, string position,
        bool organised, long? classId, long? brand)
    {
        var (low, high) = band switch { DestinationBand.InCounty => (3_000, 5_000), DestinationBand.Abroad => (8_000, 9_000), <= DestinationBand.OutOfCityInProvince => (4_000, 6_500), _ => (5_000, 9_000) };
        return new Placement
        {
            PersonId = person.Id, AreaCode = person.Area, EmployerId = employerId, EmployerName = employer, Province = province, City = city, Band = band, Position = position,
            StartDate = start, MonthlyWageFen = _rnd.Next(low / 100, high / 100 + 1) * 10_000L, Organised = organised, ClassId = classId, BrandId = brand,
            CreatedUtc = Utc(start), CreatedBy = person.Area.StartsWith(DemoCounty.Townships[1].Code, StringComparison.Ordinal) ? "town01" : "county",
        };
    }

    int Band(double[] needs)
    {
        var pick = _rnd.NextDouble() * needs.Sum();
        for (var i = 0; i < needs.Length; i++)
        {
            if (pick < needs[i]) return i;
            pick -= needs[i];
        }
        return _rnd.Next(3);
    }

    static string Position(Occupation o) => o.ParentName is not null || o.Category is "家政" ? o.Name : o.Category switch
    {
        "康养/足疗" => "足疗技师", "艾灸" => "艾灸师", "农业" => "种植技术员", "电商" => "电商运营", "餐饮" => "厨师", _ => o.Name,
    };

    /// <summary>Follow-ups at the configured months; those due are done on time (four in five), late, or not yet (overdue); one in five placements ended.</summary>
    void FollowUps(Placement p)
    {
        p.ScheduleFollowUps(_months);
        var ended = Chance(0.2) ? p.StartDate.AddDays(_rnd.Next(45, 421)) : (DateOnly?)null;
        if (ended >= _today) ended = null;
        var by = p.CreatedBy == "town01" ? "town01" : "county";
        foreach (var f in p.FollowUps.Where(f => f.DueOn < _today && (ended is null || f.DueOn <= ended)))
        {
            var r = _rnd.NextDouble();
            if (r >= 0.92) continue; // overdue
            var on = r < 0.8 ? f.DueOn.AddDays(-_rnd.Next(0, 6)) : f.DueOn.AddDays(_rnd.Next(1, 30));
            if (on > _today) continue;
            if (on < p.StartDate) on = p.StartDate;
            var working = ended is null || on < ended;
            var problems = Chance(0.01) ? FollowUpProblems.WantsToReturn : Chance(0.005) ? FollowUpProblems.Contract : FollowUpProblems.None;
            var byEmployer = p.EmployerId == _employers.FirstOrDefault()?.Id && Chance(0.3);
            Must(f.Record(on, working, working && Chance(0.95), working ? p.MonthlyWageFen + f.Months / 3 * 20_000 : null, problems,
                working ? OneOf(Notes) : "电话回访，已离职", byEmployer ? "employer01" : by, byEmployer, _today, p.StartDate));
        }
        if (ended is { } end) Must(p.End(end, OneOf(EndReasons), _today));
    }

    /// <summary>A few follow-ups reported unpaid wages: an alert each, closed after the labour inspectors stepped in unless recent.</summary>
    List<(Placement Placement, FollowUp FollowUp, EmploymentAlert Alert)> UnpaidWages(List<Placement> placements)
    {
        var done = placements.SelectMany(p => p.FollowUps.Where(f => f.DoneOn is not null && f.StillEmployed == true).Select(f => (p, f))).ToList();
        var alerts = new List<(Placement, FollowUp, EmploymentAlert)>();
        var n = Math.Min(done.Count, Math.Max(3, Share(20, _from, _today)));
        foreach (var (p, f) in done.OrderBy(_ => _rnd.Next()).Take(n))
        {
            f.Problems |= FollowUpProblems.UnpaidWages;
            f.Notes = $"反映 {f.DoneOn!.Value.AddMonths(-1).Month} 月工资至今未发";
            var raised = Utc(f.DoneOn.Value, 8);
            var alert = new EmploymentAlert { Kind = AlertKind.UnpaidWages, PersonId = p.PersonId, AreaCode = p.AreaCode, Text = "", RaisedUtc = raised, RaisedBy = f.RecordedBy ?? "county" };
            if (raised < _now.AddDays(-30))
                (alert.ClosedUtc, alert.ClosedBy, alert.Resolution) = (raised.AddDays(_rnd.Next(5, 26)), "county", "经县劳动保障监察大队协调，用人单位已补发拖欠工资");
            alerts.Add((p, f, alert));
        }
        return alerts;
    }

    async Task StorePlacementsAsync(List<Placement> placements, List<(Placement Placement, FollowUp FollowUp, EmploymentAlert Alert)> alerts, CancellationToken ct)
    {
        if (placements.Count == 0) return;
        var before = await _db.Placements.MaxAsync(p => (long?)p.Id, ct) ?? 0;
        await Store(placements, ct);
        var ids = await _db.Placements.Where(p => p.Id > before).OrderBy(p => p.Id).Select(p => new { p.Id, p.PersonId }).ToListAsync(ct);
        if (ids.Count != placements.Count || ids.Zip(placements).Any(x => x.First.PersonId != x.Second.PersonId))
            throw new InvalidOperationException("The history's placements did not read back in the order they were written.");
        var idOf = new Dictionary<Placement, long>(ReferenceEqualityComparer.Instance);
        foreach (var (p, row) in placements.Zip(ids))
        {
            idOf[p] = row.Id;
            foreach (var f in p.FollowUps) f.PlacementId = row.Id;
        }
        before = await _db.FollowUps.MaxAsync(f => (long?)f.Id, ct) ?? 0;
        await Store(placements.SelectMany(p => p.FollowUps).ToList(), ct);
        if (alerts.Count == 0) return;
        var placementIds = alerts.Select(a => idOf[a.Placement]).ToArray();
        var followUps = await _db.FollowUps.Where(f => f.Id > before && EF.Parameter(placementIds).Contains(f.PlacementId))
            .Select(f => new { f.Id, f.PlacementId, f.Months }).ToDictionaryAsync(f => (f.PlacementId, f.Months), f => f.Id, ct);
        var personIds = alerts.Select(a => a.Placement.PersonId).ToArray();
        var names = await _db.People.Where(p => EF.Parameter(personIds).Contains(p.Id)).Select(p => new { p.Id, p.Name }).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        foreach (var (p, f, a) in alerts)
        {
            (a.PlacementId, a.FollowUpId) = (idOf[p], followUps[(idOf[p], f.Months)]);
            a.Text = $"{names[p.PersonId]}（{p.City} {p.EmployerName}）第 {f.Months} 个月回访反映被拖欠工资：{f.Notes}";
        }
        await Store(alerts.Select(a => a.Alert).ToList(), ct);
    }
}
