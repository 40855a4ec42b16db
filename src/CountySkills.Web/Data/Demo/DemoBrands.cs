namespace CountySkills.Web.Data.Demo;

/// <summary>
/// The county's three labour brands (housekeeping and maternity nursing, foot care, moxibustion therapists) with their partners, bases and
/// star-rated members from their classes, a commendation and a complaint; two incubators with the businesses founded by local people.
/// </summary>
public static class DemoBrands
{
    public static async Task SeedAsync(AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await db.Brands.AnyAsync(ct)) return;
        var today = clock.Today();
        var now = clock.GetUtcNow().UtcDateTime;
        var employers = await db.Employers.OrderBy(e => e.Id).ToListAsync(ct);
        var bases = await db.LabourBases.OrderBy(b => b.Id).ToListAsync(ct);
        if (employers.Count < 5) return;
        var housekeeping = new Brand
        {
            Name = "禾红家政", TrademarkNumber = "第 46512378 号", Owner = "禾丰县人力资源和社会保障局", Category = "家政", HomeAreaCode = DemoCounty.Code,
            Standards = "统一服装、统一标识（红色“禾”字徽标）、统一服务规范；服务人员星级评定参照 GB/T 31771", SkillLeaders = "李春梅（高级家政服务员、省级技术能手）",
            Description = "禾丰县家政、母婴护理劳务品牌，在北京、上海、郑州、西安设劳务基地，年输出母婴护理员 2,000 余人。",
        };
        housekeeping.Partners.Add(new BrandPartner { EmployerId = employers[0].Id, Role = BrandPartnerRole.LeadingEnterprise });
        housekeeping.Partners.Add(new BrandPartner { EmployerId = employers[1].Id, Role = BrandPartnerRole.PartnerAgency });
        var footCare = new Brand
        {
            Name = "禾丰足护", Owner = "禾丰足疗技能培训中心", Category = "康养/足疗", HomeAreaCode = DemoCounty.Code, Standards = "包食宿、包学费、保就业；技师分级上岗",
            Description = "与连锁足疗企业订单培训、定向输出，月工资 5,000 元以上。",
            StarSchemeJson = System.Text.Json.JsonSerializer.Serialize(new List<StarStep>
            {
                new(StarLevel.One, 0, [new("4-10-04-02-01", 5)]), new(StarLevel.Two, 6, [new("4-10-04-02-01", 5)]),
                new(StarLevel.Three, 12, [new("4-10-04-02-01", 4)]), new(StarLevel.Four, 24, [new("4-10-04-02-01", 3)]),
            }),
        };
        footCare.Partners.Add(new BrandPartner { EmployerId = employers[2].Id, Role = BrandPartnerRole.LeadingEnterprise });
        var moxibustion = new Brand
        {
            Name = "禾丰艾灸师", Owner = "禾丰县艾草产业协会", Category = "艾灸", HomeAreaCode = DemoCounty.Code, Standards = "专项职业能力（艾灸调理）持证上岗",
            Description = "带动艾草电商 50 余家、艾灸馆 200 余家。",
            StarSchemeJson = System.Text.Json.JsonSerializer.Serialize(new List<StarStep> { new(StarLevel.One, 0, []), new(StarLevel.Two, 6, []), new(StarLevel.Three, 18, []) }),
        };
        moxibustion.Partners.Add(new BrandPartner { EmployerId = employers[3].Id, Role = BrandPartnerRole.LeadingEnterprise });
        db.Brands.AddRange(housekeeping, footCare, moxibustion);
        await db.SaveChangesAsync(ct);
        foreach (var (brand, i) in new[] { (housekeeping, 0), (housekeeping, 1), (footCare, 2), (moxibustion, 3) })
            if (i < bases.Count) db.BrandBases.Add(new BrandBase { BrandId = brand.Id, LabourBaseId = bases[i].Id });

        // The brands' classes and their passed trainees as members.
        var classes = await db.Classes.Include(c => c.Occupation).OrderBy(c => c.Id).Take(50).ToListAsync(ct);
        foreach (var c in classes)
            c.BrandId = c.Occupation!.Category switch { "家政" => housekeeping.Id, "康养/足疗" => footCare.Id, "艾灸" => moxibustion.Id, _ => null };
        await db.SaveChangesAsync(ct);
        var passed = await db.Enrolments.Where(e => e.Passed == true && e.Class!.BrandId != null).OrderBy(e => e.Id).Take(300)
            .Select(e => new { e.PersonId, e.ClassId, BrandId = e.Class!.BrandId!.Value, e.Class.EndDate }).ToListAsync(ct);
        var members = passed.GroupBy(p => (p.BrandId, p.PersonId)).Select(g => g.First()).Select((p, i) => new BrandMember
        {
            BrandId = p.BrandId, PersonId = p.PersonId, Code = BrandMember.NewCode(), JoinedOn = p.EndDate.AddDays(1), FromClassId = p.ClassId,
        }).ToList();
        db.BrandMembers.AddRange(members);
        await db.SaveChangesAsync(ct);
        foreach (var (m, i) in members.Select((m, i) => (m, i)))
        {
            var level = i % 4 == 0 ? StarLevel.Two : StarLevel.One;
            m.SetStars(level, level, null, "county", now);
        }
        if (members.Count > 2)
        {
            db.Feedback.Add(new MemberFeedback { MemberId = members[0].Id, Kind = FeedbackKind.Commendation, Source = "北京客户 周女士", Text = "照顾产妇和宝宝细心周到，送来锦旗", OnDate = today.AddDays(-20), RecordedBy = "county", RecordedUtc = now });
            db.Feedback.Add(new MemberFeedback { MemberId = members[1].Id, Kind = FeedbackKind.Complaint, Source = "上海客户 吴先生", Text = "多次迟到", OnDate = today.AddDays(-35), Valid = true, RecordedBy = "county", RecordedUtc = now });
        }
        await db.SaveChangesAsync(ct);

        // Incubators and the businesses local people founded.
        var park = new Incubator { Name = "禾丰县返乡创业孵化园", Kind = IncubatorKind.ReturneePark, AreaCode = "419921001", Address = "县产业集聚区创业大道 8 号", Capacity = 60,
            Services = "房租三年减免、水电补贴、创业培训、创业担保贷款对接" };
        var ecommerce = new Incubator { Name = "禾丰县电商创业孵化基地", Kind = IncubatorKind.Base, AreaCode = "419921001", Address = "县城电商产业园", Capacity = 40,
            Services = "直播间、仓储物流、电商培训、品牌设计" };
        db.Incubators.AddRange(park, ecommerce);
        await db.SaveChangesAsync(ct);
        var founders = await db.People.Where(p => p.MergedIntoId == null && p.BirthDate < today.AddYears(-25) && p.BirthDate > today.AddYears(-50))
            .OrderBy(p => p.Id).Skip(40).Take(8).ToListAsync(ct);
        (string Name, BusinessKind Kind, Incubator? At, Brand? Brand, int Jobs)[] plans =
        [
            ("禾丰艾乡电子商务有限公司", BusinessKind.Ecommerce, ecommerce, moxibustion, 26), ("艾草人家网店", BusinessKind.Ecommerce, ecommerce, moxibustion, 8),
            ("青石镇艾灸养生馆", BusinessKind.MoxibustionShop, park, moxibustion, 6), ("禾丰艾灸堂（城关店）", BusinessKind.MoxibustionShop, null, moxibustion, 5),
            ("禾红家政服务有限公司", BusinessKind.HousekeepingCompany, park, housekeeping, 30), ("康足足疗店", BusinessKind.FootCareShop, null, footCare, 9),
            ("绿源种养殖专业合作社", BusinessKind.Farming, park, null, 12), ("禾丰农产品直播间", BusinessKind.Ecommerce, ecommerce, null, 4),
        ];
        foreach (var ((name, kind, at, brand, jobs), i) in plans.Zip(founders).Select((x, i) => (x.First, i)))
        {
            var founder = founders[i];
            var b = new Business { Name = name, Kind = kind, FounderId = founder.Id, AreaCode = founder.AreaCode, IncubatorId = at?.Id, BrandId = brand?.Id,
                StartDate = today.AddMonths(-6 - 5 * i), JobsCreated = jobs };
            if (at is not null)
            {
                b.Support.Add(new BusinessSupport { Kind = SupportKind.RentReduction, AmountFen = 1_200_000, From = b.StartDate, To = b.StartDate.AddYears(1), Note = "首年房租全免" });
                b.Support.Add(new BusinessSupport { Kind = SupportKind.UtilitySubsidy, AmountFen = 300_000, From = b.StartDate, To = b.StartDate.AddYears(1) });
            }
            if (i % 3 == 0) b.Support.Add(new BusinessSupport { Kind = SupportKind.StartupLoan, AmountFen = 20_000_000, From = b.StartDate, Note = "创业担保贷款 20 万元，财政贴息" });
            db.Businesses.Add(b);
        }
        await db.SaveChangesAsync(ct);

        // This year's send-off ceremony and spring job fair, and a typical case.
        db.Events.AddRange(
            new LabourEvent { Title = "禾红家政赴京务工人员欢送仪式", Kind = EventKind.SendOff, Date = today.AddDays(-45), Place = "县人社局就业服务大厅", Participants = 126,
                EmployersPresent = employers[0].Name, JobsOffered = 120, PeopleSigned = 118, Note = "统一着装、统一乘车，县领导送行", CreatedUtc = now, CreatedBy = "county" },
            new LabourEvent { Title = "春风行动专场招聘会", Kind = EventKind.JobFair, Date = new DateOnly(today.Year, 2, 20), Place = "县文化广场", Participants = 2300,
                EmployersPresent = string.Join("、", employers.Select(e => e.Name)) + " 等 35 家", JobsOffered = 1260, PeopleSigned = 268, CreatedUtc = now, CreatedBy = "county" });
        if (members.FirstOrDefault() is { } star)
            db.Cases.Add(new TypicalCase
            {
                PersonId = star.PersonId, BrandId = star.BrandId, Title = "从留守妇女到金牌月嫂", CreatedUtc = now, CreatedBy = "county",
                Story = "她参加县就业培训中心母婴护理员订单班，取得职业技能等级证书后经劳务协作基地赴北京从事母婴护理，月收入从务农时的不足千元提高到八千元以上，还带动同村五名姐妹外出就业。",
            });
        await db.SaveChangesAsync(ct);
    }
}
