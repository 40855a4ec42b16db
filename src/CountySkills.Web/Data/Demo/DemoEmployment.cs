namespace CountySkills.Web.Data.Demo;

/// <summary>
/// The county's labour export for the demo: partner employers' details, labour bases in Beijing, Shanghai, Zhengzhou and Xi'an, cooperation
/// agreements, the maternity-nurse job order behind its order class, placements of most passed trainees with their follow-ups (older
/// ones done, some overdue), a handful of town01's people placed a few months ago with overdue follow-ups, and one unpaid-wage alert.
/// </summary>
public static class DemoEmployment
{
    public static async Task SeedAsync(AppDbContext db, TimeProvider clock, IReadOnlyList<int> months, CancellationToken ct)
    {
        if (await db.Placements.AnyAsync(ct) || await db.Agreements.AnyAsync(ct)) return;
        var today = clock.Today();
        var now = clock.GetUtcNow().UtcDateTime;
        var employers = await db.Employers.OrderBy(e => e.Id).ToListAsync(ct);
        if (employers.Count < 5) return;
        (string Industry, AgencyGrade? Grade, string Contact, string Phone)[] details =
        [
            ("家政服务", AgencyGrade.AAAA, "王经理", "010-65001234"), ("母婴护理", AgencyGrade.AAA, "陈主管", "021-52001234"),
            ("足疗保健", null, "刘店长", "0371-66001234"), ("艾灸养生", null, "赵总", "029-88001234"), ("电子制造", null, "孙主任", "0396-7001234"),
        ];
        foreach (var (e, d) in employers.Take(5).Zip(details)) (e.Industry, e.AgencyGrade, e.ContactName, e.ContactPhone) = (d.Industry, d.Grade, d.Contact, d.Phone);

        var bases = new[]
        {
            new LabourBase { Name = "北京家政劳务协作基地", Province = "北京市", City = "北京市", EmployerId = employers[0].Id, ContactName = "王经理", ContactPhone = "010-65001234" },
            new LabourBase { Name = "上海母婴护理劳务基地", Province = "上海市", City = "上海市", EmployerId = employers[1].Id },
            new LabourBase { Name = "郑州足疗劳务协作基地", Province = "河南省", City = "郑州市", EmployerId = employers[2].Id },
            new LabourBase { Name = "西安艾灸劳务协作基地", Province = "陕西省", City = "西安市", EmployerId = employers[3].Id },
        };
        db.LabourBases.AddRange(bases);
        await db.SaveChangesAsync(ct);
        var year = new DateOnly(today.Year, 1, 1);
        var agreements = new[]
        {
            new Agreement { Title = "京禾家政劳务协作协议", PartnerName = employers[0].Name, PartnerProvince = "北京市", PartnerCity = "北京市", EmployerId = employers[0].Id,
                LabourBaseId = bases[0].Id, StartDate = year.AddYears(-1), EndDate = year.AddYears(2).AddDays(-1), QuotaPerYear = 2000, Status = AgreementStatus.Active,
                Benefits = AgreementBenefits.FreeBoardLodging | AgreementBenefits.GuaranteedJob | AgreementBenefits.FreeTuitionMaterials },
            new Agreement { Title = "沪禾母婴护理劳务协作协议", PartnerName = employers[1].Name, PartnerProvince = "上海市", PartnerCity = "上海市", EmployerId = employers[1].Id,
                LabourBaseId = bases[1].Id, StartDate = year, EndDate = year.AddYears(3).AddDays(-1), QuotaPerYear = 800, Status = AgreementStatus.Active,
                Benefits = AgreementBenefits.FreeBoardLodging | AgreementBenefits.SocialInsurance },
            new Agreement { Title = "康足连锁订单培训与输出协议", PartnerName = employers[2].Name, PartnerProvince = "河南省", PartnerCity = "郑州市", EmployerId = employers[2].Id,
                LabourBaseId = bases[2].Id, StartDate = year, EndDate = year.AddYears(1).AddDays(-1), QuotaPerYear = 500, Status = AgreementStatus.Active,
                Benefits = AgreementBenefits.FreeBoardLodging | AgreementBenefits.GuaranteedJob | AgreementBenefits.FreeTuitionMaterials },
        };
        db.Agreements.AddRange(agreements);
        await db.SaveChangesAsync(ct);
        var agreementOf = agreements.ToDictionary(a => a.EmployerId!.Value, a => a.Id);

        // The maternity-nurse order behind its order-training class.
        var orderClass = await db.Classes.Where(c => c.Kind == ClassKind.Order && c.EmployerId == employers[0].Id).OrderBy(c => c.Id).FirstOrDefaultAsync(ct);
        var order = new JobOrder
        {
            Title = "母婴护理员 50 名（北京）", EmployerId = employers[0].Id, OccupationId = orderClass?.OccupationId, Headcount = 50, WageMinFen = 700_000, WageMaxFen = 1_200_000,
            Province = "北京市", City = "北京市", Deadline = today.AddDays(60), CreatedUtc = now, CreatedBy = "employer01", ClassId = orderClass?.Id,
        };
        db.JobOrders.Add(order);
        await db.SaveChangesAsync(ct);
        if (orderClass is not null) { orderClass.JobOrderId = order.Id; await db.SaveChangesAsync(ct); }

        Placement Place(Person p, Employer e, DateOnly start, long wage, long? classId, int i)
        {
            var band = e.Province == "河南省" ? (e.City == "禾丰县" ? DestinationBand.InCounty : DestinationBand.OutOfCityInProvince) : DestinationBand.OutOfProvince;
            var placement = new Placement
            {
                PersonId = p.Id, AreaCode = p.AreaCode, EmployerId = e.Id, EmployerName = e.Name, Province = e.Province, City = e.City, Band = band,
                Position = e.Kind switch { EmployerKind.HousekeepingAgency => "母婴护理员", EmployerKind.FootCareChain => "足疗技师", EmployerKind.Factory => "操作工", _ => "技师" },
                StartDate = start, MonthlyWageFen = wage, Organised = classId is not null, ClassId = classId, AgreementId = agreementOf.GetValueOrDefault(e.Id) is var a and > 0 ? a : null,
                JobOrderId = classId is not null && classId == orderClass?.Id ? order.Id : null, CreatedUtc = now, CreatedBy = "county",
            };
            placement.ScheduleFollowUps(months);
            foreach (var f in placement.FollowUps.Where(f => f.DueOn < today.AddDays(-10) && i % 6 != 0))
                f.Record(f.DueOn.AddDays(2), true, true, wage + 20_000 * f.Months / 3, FollowUpProblems.None, "电话回访，在岗正常", "town01", false, today, start);
            return placement;
        }

        // Passed trainees of completed classes: four in five placed with the class's employer, or by occupation.
        // A demo's worth (the benchmarks seed their own history at scale).
        var trainees = await db.Enrolments.Where(e => e.Passed == true && (e.Class!.Status == ClassStatus.Completed || e.Class.Status == ClassStatus.Closed))
            .OrderBy(e => e.Id).Take(300).Select(e => new { e.Person, e.Class!.Id, e.Class.EndDate, e.Class.EmployerId, e.Class.Occupation!.Category }).ToListAsync(ct);
        var placements = new List<Placement>();
        foreach (var (t, i) in trainees.Select((t, i) => (t, i)))
        {
            if (i % 5 == 4) continue;
            var e = t.EmployerId is { } id ? employers.First(x => x.Id == id)
                : t.Category switch { "家政" => employers[i % 2], "康养/足疗" => employers[2], "艾灸" => employers[3], _ => employers[4] };
            var start = t.EndDate.AddDays(7 + i % 20);
            if (start > today) continue;
            placements.Add(Place(t.Person!, e, start, e.Kind == EmployerKind.Factory ? 380_000 : 550_000 + i % 7 * 50_000, t.Id, i));
        }
        // town01's people placed a few months ago on their own: follow-ups to do.
        var town = DemoCounty.Townships[1].Code;
        var placedIds = placements.Select(p => p.PersonId).ToHashSet();
        var locals = await db.People.Where(p => p.TownshipCode == town && p.MergedIntoId == null && p.BirthDate < today.AddYears(-20) && p.BirthDate > today.AddYears(-50))
            .OrderBy(p => p.Id).Take(12).ToListAsync(ct);
        foreach (var (p, i) in locals.Where(p => !placedIds.Contains(p.Id)).Take(6).Select((p, i) => (p, i)))
            placements.Add(Place(p, employers[i % 5], today.AddDays(-40 - 17 * i), 450_000 + 30_000 * i, null, 6 * i));
        db.Placements.AddRange(placements);
        await db.SaveChangesAsync(ct);

        // One reported unpaid wages at the last follow-up: the county has an alert; and one of the demo township's (青石镇) workers too,
        // so its officer's home has an alert to follow.
        var reported = placements.Where(p => p.EmployerId == employers[4].Id).SelectMany(p => p.FollowUps).FirstOrDefault(f => f.DoneOn is not null)
            ?? placements.SelectMany(p => p.FollowUps).FirstOrDefault(f => f.DoneOn is not null);
        await AlertAsync(reported, "反映 9 月工资至今未发");
        var townWork = placements.Where(p => p.AreaCode.StartsWith("419921101", StringComparison.Ordinal)).SelectMany(p => p.FollowUps)
            .FirstOrDefault(f => f.DoneOn is not null && f.PlacementId != reported?.PlacementId);
        await AlertAsync(townWork, "反映加班费两个月未结");

        async Task AlertAsync(FollowUp? reported, string notes)
        {
            if (reported is null) return;
            reported.Problems = FollowUpProblems.UnpaidWages;
            reported.Notes = notes;
            var who = placements.Single(p => p.Id == reported.PlacementId);
            var name = await db.People.Where(p => p.Id == who.PersonId).Select(p => p.Name).SingleAsync(ct);
            db.Alerts.Add(new EmploymentAlert
            {
                Kind = AlertKind.UnpaidWages, PlacementId = who.Id, FollowUpId = reported.Id, PersonId = who.PersonId, AreaCode = who.AreaCode,
                Text = $"{name}（{who.City} {who.EmployerName}）第 {reported.Months} 个月回访反映被拖欠工资：{notes}", RaisedUtc = now, RaisedBy = "town01",
            });
            await db.SaveChangesAsync(ct);
        }
    }
}
