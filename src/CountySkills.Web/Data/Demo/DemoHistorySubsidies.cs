namespace CountySkills.Web.Data.Demo;

/// <summary>The history's subsidy claims: one per assessed subsidised class, its lines judged by the one eligibility rule against the
/// person's earlier claims, then as far along review, public notice, approval and payment as the days since allow.</summary>
public sealed partial class DemoHistory
{
    static readonly string[] FailureReasons = ["账户已销户", "户名与账号不符", "社保卡未激活金融功能"];
    int _batches;

    sealed record Payment(PaymentBatch Batch, List<(ClaimLine Line, PaymentItem Item)> Items);

    async Task<(int Claims, int Lines, int Paid)> SubsidiesAsync(List<ClassPlan> plans, CancellationToken ct)
    {
        if (await RulesAsync(ct) is not { } rules) return (0, 0, 0);
        var history = new Dictionary<long, List<PriorSubsidy>>();
        var due = plans.Where(p => p.Class.Subsidised && p.CertifiedOn is not null)
            .Select(p => (Plan: p, On: p.CertifiedOn!.Value.AddDays(_rnd.Next(2, 21)))).Where(x => x.On <= _today)
            .OrderBy(x => x.On).ThenBy(x => x.Plan.Id).ToList();
        var claims = new List<(ClassPlan Plan, SubsidyClaim Claim, Payment? Payment)>();
        foreach (var (plan, on) in due)
        {
            var institution = _institutions.First(i => i.Id == plan.Class.InstitutionId);
            var claim = new SubsidyClaim
            {
                Number = SubsidyClaim.NumberFor(on.Year, plan.Id), ClassId = plan.Id, InstitutionId = institution.Id, RulesId = rules.Id, ClaimedOn = on,
                Fund = plan.Class.Kind == ClassKind.JobSkillUpgrade ? SubsidyFund.SkillsAccount : SubsidyFund.EmploymentFund,
                Payee = Chance(0.2) ? SubsidyPayee.Person : SubsidyPayee.Institution, CreatedUtc = Utc(on), CreatedBy = Staff,
            };
            foreach (var t in plan.Trainees.Where(t => t.Active)) claim.Lines.Add(Line(plan, t, institution, on, history, rules));
            if (claim.Lines.Count == 0) continue;
            claims.Add((plan, claim, Advance(claim, institution, history, rules)));
        }
        await StoreClaimsAsync(claims, ct);
        return (claims.Count, claims.Sum(c => c.Claim.Lines.Count), claims.Sum(c => c.Claim.Lines.Count(l => l.Payment == PaymentState.Paid)));
    }

    /// <summary>One trainee's line with the facts of the class, judged as ClaimJudging judges it.</summary>
    ClaimLine Line(ClassPlan plan, Trainee t, Institution institution, DateOnly on, Dictionary<long, List<PriorSubsidy>> history, SubsidyRules rules)
    {
        var (cls, cert) = (plan.Class, t.Certificate);
        var line = new ClaimLine
        {
            EnrolmentId = t.Id, PersonId = t.Person.Id, CertificateId = t.CertificateId, CertificateNumber = cert?.Number, CertificateIssuedOn = cert?.IssuedOn,
            Kind = cert?.Kind ?? (cls.Level == SkillLevel.None ? CertificateKind.TrainingCompletion : CertificateKind.SkillLevel),
            OccupationId = cert?.OccupationId ?? cls.OccupationId,
            Level = cert is null ? cls.Level : cert.Kind is CertificateKind.SkillLevel or CertificateKind.Qualification ? cert.Level : SkillLevel.None,
            AttendancePercent = t.AttendancePercent ?? 0, Completed = t.Enrolment.Passed == true,
        };
        var facts = new SubsidyFacts(t.Person.Birth, line.OccupationId, plan.Occupation.Name, line.Level, line.Kind, line.CertificateNumber, line.CertificateIssuedOn,
            line.AttendancePercent, line.Completed, institution.OnCatalogue, institution.Name, cls.StartDate, on) { AttendanceRecorded = t.Taken > 0 };
        line.Apply(Eligibility.Judge(facts, history.GetValueOrDefault(t.Person.Id) ?? [], rules));
        return line;
    }

    /// <summary>Submits, reviews, publishes, approves and pays the claim as far as today allows; the payment when it was made.</summary>
    Payment? Advance(SubsidyClaim claim, Institution institution, Dictionary<long, List<PriorSubsidy>> history, SubsidyRules rules)
    {
        var on = claim.ClaimedOn;
        if (_today.DayNumber - on.DayNumber < 5 && Chance(0.5)) return null; // still a draft
        Must(claim.Submit(rules.Id, on, Staff, Utc(on)));
        var standing = new Dictionary<ClaimLine, PriorSubsidy>();
        foreach (var l in claim.Lines.Where(l => l.Eligible))
        {
            var prior = new PriorSubsidy($"补贴申请 {claim.Number}", l.OccupationId, _occupations.Values.First(o => o.Id == l.OccupationId).Name, l.Level, l.Kind,
                l.CertificateNumber, on, institution.Name);
            if (!history.TryGetValue(l.PersonId, out var list)) history[l.PersonId] = list = [];
            list.Add(standing[l] = prior);
        }
        var reviewOn = _calendar.OnOrAfter(on.AddDays(_rnd.Next(3, 9)));
        if (reviewOn > _today) return null;
        // A spot check by telephone now and then finds someone who did not attend.
        foreach (var l in claim.Lines.Where(l => l.Eligible && Chance(0.01)))
        {
            Must(l.Decide(LineDecision.Rejected, "电话抽查，本人表示未参加培训", "county", Utc(reviewOn)));
            history[l.PersonId].Remove(standing[l]);
        }
        Must(claim.Review(new Dictionary<long, (LineDecision, string?)>(), "county", Utc(reviewOn)));
        var noticeFrom = _calendar.OnOrAfter(reviewOn.AddDays(1));
        if (noticeFrom > _today) return null;
        if (claim.Publish(noticeFrom, noticeFrom, _calendar, rules.NoticeWorkingDays, null, "county", Utc(noticeFrom)) is not null) return null; // nothing approved
        var approveOn = _calendar.OnOrAfter(claim.NoticeEndsOn!.Value.AddDays(_rnd.Next(1, 5)));
        if (approveOn > _today) return null;
        Must(claim.Approve(approveOn, 0, "county", Utc(approveOn)));
        var payOn = _calendar.OnOrAfter(approveOn.AddDays(_rnd.Next(5, 21)));
        var paid = payOn <= _today;
        if (!paid && Chance(0.5)) return null; // approved, waiting for a batch
        var batch = new PaymentBatch
        {
            Number = $"BF{(paid ? payOn : approveOn):yyyyMMdd}-H{++_batches:D4}", Fund = claim.Fund, CreatedUtc = Utc(paid ? payOn : approveOn), CreatedBy = "county", Settled = paid,
        };
        var items = new List<(ClaimLine, PaymentItem)>();
        foreach (var l in claim.Lines.Where(l => l.Decision == LineDecision.Approved))
        {
            var item = new PaymentItem { AmountFen = l.TotalFen };
            if (!paid) (l.Payment, item.Status) = (PaymentState.InBatch, PaymentState.InBatch);
            else if (Chance(0.02)) (l.Payment, item.Status, item.FailureReason) = (PaymentState.Failed, PaymentState.Failed, OneOf(FailureReasons));
            else (l.Payment, l.PaidOn, item.Status, item.PaidOn) = (PaymentState.Paid, payOn, PaymentState.Paid, payOn);
            items.Add((l, item));
        }
        (batch.ItemCount, batch.TotalFen) = (items.Count, items.Sum(i => i.Item2.AmountFen));
        if (paid) claim.SettleIfPaid("county", Utc(payOn));
        return new Payment(batch, items);
    }

    async Task StoreClaimsAsync(List<(ClassPlan Plan, SubsidyClaim Claim, Payment? Payment)> claims, CancellationToken ct)
    {
        if (claims.Count == 0) return;
        var before = await _db.Claims.MaxAsync(c => (long?)c.Id, ct) ?? 0;
        await Store(claims.Select(c => c.Claim).ToList(), ct);
        var ids = await _db.Claims.Where(c => c.Id > before).Select(c => new { c.Id, c.ClassId }).ToDictionaryAsync(c => c.ClassId, c => c.Id, ct);
        foreach (var (plan, claim, _) in claims)
        {
            foreach (var l in claim.Lines) l.ClaimId = ids[plan.Id];
            foreach (var t in claim.Transitions) t.ClaimId = ids[plan.Id];
        }
        before = await _db.ClaimLines.MaxAsync(l => (long?)l.Id, ct) ?? 0;
        await Store(claims.SelectMany(c => c.Claim.Lines).ToList(), ct);
        var lines = await _db.ClaimLines.Where(l => l.Id > before).Select(l => new { l.Id, l.ClaimId, l.EnrolmentId })
            .ToDictionaryAsync(l => (l.ClaimId, l.EnrolmentId), l => l.Id, ct);
        await Store(claims.SelectMany(c => c.Claim.Transitions).ToList(), ct);
        var payments = claims.Where(c => c.Payment is not null).Select(c => c.Payment!).ToList();
        if (payments.Count == 0) return;
        before = await _db.PaymentBatches.MaxAsync(b => (long?)b.Id, ct) ?? 0;
        await Store(payments.Select(p => p.Batch).ToList(), ct);
        var batches = await _db.PaymentBatches.Where(b => b.Id > before).Select(b => new { b.Id, b.Number }).ToDictionaryAsync(b => b.Number, b => b.Id, ct);
        await Store(payments.SelectMany(p => p.Items.Select(x =>
        {
            (x.Item.BatchId, x.Item.LineId) = (batches[p.Batch.Number], lines[(x.Line.ClaimId, x.Line.EnrolmentId)]);
            return x.Item;
        })).ToList(), ct);
    }
}
