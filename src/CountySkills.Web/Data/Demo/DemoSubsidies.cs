using CountySkills.Web.Features.Subsidies;

namespace CountySkills.Web.Data.Demo;

/// <summary>
/// Subsidy work in every state for the demo county: this year's budgets, the first housekeeping class's claim paid, the
/// maternity-nurse claim in public notice (so /notices has something to show), the farmers' class claim waiting for review, the
/// welders' and foot-care classes not yet claimed, and a few subsidies imported from the old records.
/// </summary>
public static class DemoSubsidies
{
    public static async Task SeedAsync(AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await db.Claims.AnyAsync(ct) || await db.Budgets.AnyAsync(ct)) return;
        var today = clock.Today();
        var now = clock.GetUtcNow().UtcDateTime;
        db.Budgets.AddRange(
            new SubsidyBudget { Year = today.Year, Fund = SubsidyFund.EmploymentFund, AmountFen = 8_000_000_00, Note = "县就业补助资金年度预算" },
            new SubsidyBudget { Year = today.Year, Fund = SubsidyFund.SkillsAccount, AmountFen = 3_000_000_00, Note = "职业技能提升行动专账资金" });
        await db.SaveChangesAsync(ct);

        var classes = await db.Classes.Include(c => c.Occupation).Where(c => c.Subsidised && (c.Status == ClassStatus.Completed || c.Status == ClassStatus.Closed))
            .OrderBy(c => c.Id).ToListAsync(ct);
        if (classes.Count < 5) return;
        var rules = await SubsidyHistory.RulesAtAsync(db, now, ct);
        var calendar = await Features.Admin.Settings.CurrentSettings.CalendarAsync(db, now, ct);

        async Task<SubsidyClaim> Claim(TrainingClass cls, DateOnly on)
        {
            var claim = new SubsidyClaim
            {
                Number = SubsidyClaim.NumberFor(on.Year, cls.Id), ClassId = cls.Id, InstitutionId = cls.InstitutionId, ClaimedOn = on, RulesId = rules.Id,
                CreatedUtc = Utc(on), CreatedBy = "school01",
            };
            await ClaimJudging.JudgeAsync(db, claim, cls, rules, ct);
            claim.Submit(rules.Id, on, "school01", Utc(on));
            db.Claims.Add(claim);
            await db.SaveChangesAsync(ct);
            return claim;
        }

        // 1. Paid: the oldest class, claimed, reviewed, noticed, approved and paid months ago.
        var first = classes[0];
        var on1 = Min(first.EndDate.AddDays(20), today.AddDays(-40));
        var paid = await Claim(first, on1);
        var after = on1.AddDays(30);
        // Each step is the entity's own; a refusal (e.g. nothing eligible) leaves the claim where it stopped.
        if (paid.Review(new Dictionary<long, (LineDecision, string?)>(), "county", Utc(on1.AddDays(3))) is null
            && paid.Publish(on1.AddDays(4), on1.AddDays(4), calendar, rules.NoticeWorkingDays, null, "county", Utc(on1.AddDays(4))) is null)
        {
            after = paid.NoticeEndsOn!.Value.AddDays(1);
            paid.Approve(after, 0, "county", Utc(after));
        }
        var batch = new PaymentBatch { Number = $"BF{after:yyyyMMdd}-0001", CreatedUtc = Utc(after), CreatedBy = "county" };
        foreach (var l in paid.Lines.Where(l => l.Decision == LineDecision.Approved && paid.Status == ClaimStatus.Approved))
        {
            (l.Payment, l.PaidOn) = (PaymentState.Paid, after.AddDays(7));
            batch.Items.Add(new PaymentItem { LineId = l.Id, AmountFen = l.TotalFen, Status = PaymentState.Paid, PaidOn = after.AddDays(7) });
        }
        (batch.ItemCount, batch.TotalFen, batch.Settled, batch.Fund) = (batch.Items.Count, batch.Items.Sum(i => i.AmountFen), true, paid.Fund);
        if (batch.Items.Count > 0) db.PaymentBatches.Add(batch);
        paid.SettleIfPaid("county", Utc(after.AddDays(7)));
        await db.SaveChangesAsync(ct);

        // 2. In public notice now, with one objection waiting.
        var second = classes[1];
        var noticed = await Claim(second, today.AddDays(-6));
        if (noticed.Review(new Dictionary<long, (LineDecision, string?)>(), "county", Utc(today.AddDays(-5))) is not null) return;
        var posted = today.AddDays(-1);
        while (!calendar.IsWorkingDay(posted)) posted = posted.AddDays(-1);
        noticed.Publish(posted, posted, calendar, rules.NoticeWorkingDays, null, "county", Utc(posted));
        await db.SaveChangesAsync(ct);
        if (noticed.Lines.FirstOrDefault(l => l.Decision == LineDecision.Approved) is { } named)
        {
            db.Objections.Add(new Objection { ClaimId = noticed.Id, LineId = named.Id, Contact = "村民 王先生 139****0000", FiledUtc = now.AddHours(-3),
                Text = "据我所知此人培训期间一直在外地务工，未参加培训，请核实。" });
            await db.SaveChangesAsync(ct);
        }

        // 3. Submitted and waiting for the county's review; three of its trainees gave one phone number (a fraud signal to look at).
        var sharers = await db.Enrolments.Where(e => e.ClassId == classes[3].Id).OrderBy(e => e.Id).Take(3).Select(e => e.Person!).ToListAsync(ct);
        foreach (var p in sharers) p.Phone = "13903921234";
        await db.SaveChangesAsync(ct);
        await Claim(classes[3], today.AddDays(-1));

        // Old records: a few trainees of the unclaimed classes had subsidies before the system.
        var later = classes.Skip(4).Select(c => c.Id).ToList();
        var old = await db.Enrolments.Where(e => later.Contains(e.ClassId)).OrderBy(e => e.Id).Take(3).Select(e => e.Person!).ToListAsync(ct);
        var welder = await db.Occupations.SingleAsync(o => o.Code == "6-18-02-04", ct);
        foreach (var (p, i) in old.Select((p, i) => (p, i)))
        {
            var paidOn = new DateOnly(today.Year - 2, 6, 10 + i);
            db.HistoricSubsidies.Add(new HistoricSubsidy
            {
                IdNumber = p.IdNumber, PersonId = p.Id, Name = p.Name, OccupationId = welder.Id, OccupationName = welder.Name, Level = SkillLevel.Junior,
                AmountFen = 120_000, PaidOn = paidOn, InstitutionName = "禾丰县高级技工学校", Key = HistoricSubsidy.KeyOf(p.IdNumber, welder.Name, SkillLevel.Junior, paidOn), CreatedUtc = now,
            });
        }
        await db.SaveChangesAsync(ct);

        // 4. The senior technical school's autumn electricians' class: claimed, and returned by the county for a missing signature.
        if (classes.Count > 5 && classes[5].Name.Contains("秋季", StringComparison.Ordinal))
        {
            var back = await Claim(classes[5], today.AddDays(-4));
            back.ReturnAll("第 3 课次签到表缺两名学员签字，请补齐后重新提交", "county", Utc(today.AddDays(-2)));
            await db.SaveChangesAsync(ct);
        }
    }

    static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
    static DateTime Utc(DateOnly d) => d.ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc);
}
