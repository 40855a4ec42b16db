namespace CountySkills.Web.Data.Demo;

/// <summary>The history's businesses (nearly half by returnee entrepreneurs, a third under a labour brand, some incubated, with their
/// support) and the labour brands' members: the passed trainees of the brands' classes, star-rated as their service lengthens.</summary>
public sealed partial class DemoHistory
{
    static readonly string[] Marks = ["福", "康", "顺", "兴", "和", "泰", "源", "丰", "盛", "鑫", "宏", "旺", "佳", "瑞", "祥", "安"];

    async Task<int> BusinessesAsync(CancellationToken ct)
    {
        var incubators = await _db.Incubators.AsNoTracking().OrderBy(i => i.Id).Select(i => i.Id).ToListAsync(ct);
        var returnees = _pool.Where(p => (p.Tags & PersonTags.ReturnedEntrepreneur) != 0 && !_demo.Contains(p.Id)).ToArray();
        var founders = new HashSet<long>();
        var rows = new List<Business>();
        var n = Math.Max(1, Share(BusinessesPerYear, _from, _today));
        for (var i = 0; i < n; i++)
        {
            var start = Between(_from, _today);
            var returnee = returnees.Length > 0 && Chance(0.45);
            Candidate? pick = returnee ? returnees[_rnd.Next(returnees.Length)] : Pick(p => Age(p, start) is >= 22 and <= 58);
            if (pick is not { } founder || !founders.Add(founder.Id)) continue;
            var (kind, brand) = KindOf();
            var place = DemoCounty.Townships.FirstOrDefault(t => founder.Area.StartsWith(t.Code, StringComparison.Ordinal)).Name ?? "禾丰";
            var prefix = place.EndsWith("街道办事处") ? place[..^5] : place.Length > 2 && place[^1] is '镇' or '乡' ? place[..^1] : "禾丰";
            var mark = OneOf(Marks) + OneOf(Marks);
            var b = new Business
            {
                Name = kind switch
                {
                    BusinessKind.MoxibustionShop => $"{prefix}{mark}艾灸馆",
                    BusinessKind.Ecommerce => brand is null ? $"{prefix}{mark}农特产品网店" : $"禾丰{mark}艾草电子商务有限公司",
                    BusinessKind.HousekeepingCompany => $"禾丰{mark}家政服务有限公司", BusinessKind.FootCareShop => $"{prefix}{mark}足疗养生店",
                    BusinessKind.Farming => $"{prefix}{mark}种养殖专业合作社", BusinessKind.Manufacturing => $"禾丰县{mark}制品有限公司",
                    BusinessKind.Catering => $"{prefix}{mark}农家饭庄", _ => $"{prefix}{mark}商贸部",
                },
                Kind = kind, FounderId = founder.Id, AreaCode = founder.Area, BrandId = brand, StartDate = start, JobsCreated = 2 + (int)(28 * Math.Pow(_rnd.NextDouble(), 2)),
                IncubatorId = incubators.Count > 0 && Chance(0.3) ? OneOf(incubators) : null,
                RegistrationCode = DemoSeeder.CreditCodeFor(600_000 + i, kind switch
                {
                    BusinessKind.Farming => "93", BusinessKind.MoxibustionShop or BusinessKind.FootCareShop or BusinessKind.Catering or BusinessKind.Other => "92", _ => "91",
                }),
            };
            if (b.IncubatorId is not null)
            {
                b.Support.Add(new BusinessSupport { Kind = SupportKind.RentReduction, AmountFen = _rnd.Next(60, 151) * 10_000L, From = start, To = start.AddYears(1), Note = "首年房租减免" });
                b.Support.Add(new BusinessSupport { Kind = SupportKind.UtilitySubsidy, AmountFen = _rnd.Next(10, 31) * 10_000L, From = start, To = start.AddYears(1) });
            }
            if (Chance(0.25)) b.Support.Add(new BusinessSupport { Kind = SupportKind.StartupLoan, AmountFen = _rnd.Next(10, 31) * 1_000_000L, From = start, Note = "创业担保贷款，财政贴息" });
            if (Chance(0.3)) b.Support.Add(new BusinessSupport { Kind = SupportKind.StartupSubsidy, AmountFen = 500_000, From = start, Note = "一次性创业补贴" });
            rows.Add(b);
        }
        if (rows.Count == 0) return 0;
        var before = await _db.Businesses.MaxAsync(b => (long?)b.Id, ct) ?? 0;
        await Store(rows, ct);
        var ids = await _db.Businesses.Where(b => b.Id > before).OrderBy(b => b.Id).Select(b => new { b.Id, b.FounderId }).ToListAsync(ct);
        if (ids.Count != rows.Count || ids.Zip(rows).Any(x => x.First.FounderId != x.Second.FounderId))
            throw new InvalidOperationException("The history's businesses did not read back in the order they were written.");
        await Store(rows.Zip(ids).SelectMany(x => x.First.Support.Select(s => { s.BusinessId = x.Second.Id; return s; })).ToList(), ct);
        return rows.Count;
    }

    /// <summary>A third under a brand (moxibustion shops and e-commerce, housekeeping companies, foot-care shops), the rest farming, shops and workshops.</summary>
    (BusinessKind, long?) KindOf()
    {
        if (Chance(0.35))
        {
            var r = _rnd.NextDouble();
            var (category, kind) = r < 0.3 ? ("艾灸", BusinessKind.MoxibustionShop) : r < 0.5 ? ("艾灸", BusinessKind.Ecommerce)
                : r < 0.75 ? ("家政", BusinessKind.HousekeepingCompany) : ("康养/足疗", BusinessKind.FootCareShop);
            if (_brands.TryGetValue(category, out var brand)) return (kind, brand);
        }
        var x = _rnd.Next(100);
        return (x switch { < 30 => BusinessKind.Farming, < 50 => BusinessKind.Ecommerce, < 65 => BusinessKind.Manufacturing, < 85 => BusinessKind.Catering, _ => BusinessKind.Other }, null);
    }

    async Task<int> MembersAsync(List<ClassPlan> plans, CancellationToken ct)
    {
        var existing = (await _db.BrandMembers.Select(m => new { m.BrandId, m.PersonId }).ToListAsync(ct)).Select(m => (m.BrandId, m.PersonId)).ToHashSet();
        var members = new List<BrandMember>();
        foreach (var plan in plans.Where(p => p.Completed && p.Class.BrandId is not null))
            foreach (var t in plan.Trainees.Where(t => t.Enrolment.Passed == true))
            {
                var brand = plan.Class.BrandId!.Value;
                var joined = plan.Class.EndDate.AddDays(_rnd.Next(1, 11));
                if (joined > _today || !existing.Add((brand, t.Person.Id))) continue;
                var m = new BrandMember { BrandId = brand, PersonId = t.Person.Id, Code = BrandMember.NewCode(), JoinedOn = joined, FromClassId = plan.Id };
                var months = (_today.DayNumber - joined.DayNumber) / 30;
                if (!Chance(0.05)) Must(m.SetStars(StarLevel.One, StarLevel.One, null, "county", Utc(joined)));
                if (m.Stars == StarLevel.One && months >= 6 && Chance(0.35)) Must(m.SetStars(StarLevel.Two, StarLevel.Two, null, "county", Utc(joined.AddMonths(6))));
                if (m.Stars == StarLevel.Two && months >= 12 && Chance(0.3)) Must(m.SetStars(StarLevel.Three, StarLevel.Three, null, "county", Utc(joined.AddMonths(12))));
                members.Add(m);
            }
        if (members.Count == 0) return 0;
        var before = await _db.BrandMembers.MaxAsync(m => (long?)m.Id, ct) ?? 0;
        await Store(members, ct);
        var ids = await _db.BrandMembers.Where(m => m.Id > before).Select(m => new { m.Id, m.Code }).ToDictionaryAsync(m => m.Code, m => m.Id, ct);
        await Store(members.SelectMany(m => m.StarHistory.Select(s => { s.MemberId = ids[m.Code]; return s; })).ToList(), ct);
        return members.Count;
    }
}
