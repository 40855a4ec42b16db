namespace CountySkills.Web.Features.Subsidies;

/// <summary>A claim as the reviewer and the institution see it: lines with verdicts and reasons, fraud signals, the budget it
/// draws on, its notice, objections and history, and what the caller may do next. Personal data masked.</summary>
public sealed record ClaimView(
    long Id, string Number, long ClassId, string ClassName, DateOnly ClassStart, DateOnly ClassEnd, long InstitutionId, string InstitutionName,
    string OccupationName, SubsidyFund Fund, string FundName, SubsidyPayee Payee, string PayeeName, ClaimStatus Status, string StatusName,
    DateOnly ClaimedOn, long RulesId, DateOnly? NoticeStartsOn, DateOnly? NoticeEndsOn, long? NoticeId, string? NoticeCode, int OpenObjections, Guid Version,
    int LineCount, int EligibleCount, long EligibleFen, long ApprovedFen, long PaidFen,
    IReadOnlyList<ClaimView.Line> Lines, IReadOnlyList<FraudSignal> Signals, ClaimView.BudgetCheck? Budget, bool BudgetExceeded,
    IReadOnlyList<ClaimView.Step> Transitions, IReadOnlyList<ClaimAction> Actions)
{
    public sealed record Line(long Id, long PersonId, string Name, string IdNumber, long EnrolmentId, string? CertificateNumber, DateOnly? CertificateIssuedOn,
        CertificateKind Kind, string KindName, long OccupationId, SkillLevel Level, string LevelName, decimal? AttendanceRate, bool Completed,
        bool Eligible, long AmountFen, long AssessmentFen, IReadOnlyList<string> Reasons, IReadOnlyList<string> Explanations,
        LineDecision Decision, string DecisionName, string? DecisionReason, PaymentState Payment, string PaymentName, DateOnly? PaidOn);

    public sealed record BudgetCheck(int Year, string FundName, long BudgetFen, long UsedByOthersFen, long ThisClaimFen, bool Exceeded, string? Message);

    public sealed record Step(ClaimAction? Action, string ActionName, ClaimStatus From, ClaimStatus To, DateTime AtUtc, string UserName, string? Reason);

    public static async Task<ClaimView> LoadAsync(AppDbContext db, long id, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var c = await db.Claims.AsNoTracking().Include(x => x.Lines).Include(x => x.Transitions).Include(x => x.Institution)
            .Include(x => x.Class).ThenInclude(k => k!.Occupation).SingleAsync(x => x.Id == id, ct);
        var cls = c.Class!;
        var ids = c.Lines.Select(l => l.PersonId).ToArray();
        var people = await db.People.Where(p => EF.Parameter(ids).Contains(p.Id)).Select(p => new { p.Id, p.Name, p.IdNumber }).ToDictionaryAsync(p => p.Id, ct);
        var rules = c.RulesId == 0 ? await SubsidyHistory.RulesAtAsync(db, clock.GetUtcNow().UtcDateTime, ct) : await SubsidyHistory.RulesByIdAsync(db, c.RulesId, ct);
        var open = await db.Objections.CountAsync(o => o.ClaimId == id && o.Status == ObjectionStatus.Open, ct);
        var signals = user.IsCounty() || user.IsInRole(Infrastructure.Auth.Roles.Auditor) ? await FraudSignals.ForAsync(db, c, cls, rules, clock, ct) : [];

        var standing = c.Lines.Where(l => l.Eligible && l.Decision != LineDecision.Rejected).Sum(l => l.TotalFen);
        BudgetCheck? budget = null;
        var year = c.ClaimedOn.Year;
        var fund = (await ListBudgets.ForYearAsync(db, year, ct, exceptClaimId: c.Id)).Single(f => f.Fund == c.Fund);
        if (fund.Id is not null)
        {
            var used = fund.CommittedFen + fund.ApprovedFen + fund.PaidFen;
            var over = used + standing > fund.BudgetFen;
            budget = new BudgetCheck(year, fund.FundName, fund.BudgetFen, used, standing, over,
                over ? $"{year} 年{fund.FundName}预算 {new Money(fund.BudgetFen)} 元，已占用 {new Money(used)} 元，本申请 {new Money(standing)} 元，将超出预算 {new Money(used + standing - fund.BudgetFen)} 元" : null);
        }
        else budget = new BudgetCheck(year, fund.FundName, 0, 0, standing, false, $"{year} 年{fund.FundName}尚未设置预算");

        var lines = c.Lines.OrderBy(l => l.Id).Select(l =>
        {
            var p = people[l.PersonId];
            return new Line(l.Id, l.PersonId, p.Name, IdNumber.Mask(p.IdNumber), l.EnrolmentId, l.CertificateNumber, l.CertificateIssuedOn, l.Kind, Words.Of(l.Kind),
                l.OccupationId, l.Level, Words.Of(l.Level), l.AttendancePercent, l.Completed, l.Eligible, l.AmountFen, l.AssessmentFen, l.ReasonList, l.ExplanationList,
                l.Decision, Words.Of(l.Decision), l.DecisionReason, l.Payment, Words.Of(l.Payment), l.PaidOn);
        }).ToList();
        return new ClaimView(c.Id, c.Number, c.ClassId, cls.Name, cls.StartDate, cls.EndDate, c.InstitutionId, c.Institution!.Name, cls.Occupation!.Name,
            c.Fund, Words.Of(c.Fund), c.Payee, Words.Of(c.Payee), c.Status, Words.Of(c.Status), c.ClaimedOn, c.RulesId, c.NoticeStartsOn, c.NoticeEndsOn,
            c.NoticeStartsOn is null ? null : c.Id, c.NoticeStartsOn is null ? null : c.PublicCode, open, c.Version,
            lines.Count, lines.Count(l => l.Eligible), lines.Where(l => l.Eligible && l.Decision != LineDecision.Rejected).Sum(l => l.AmountFen + l.AssessmentFen),
            c.Lines.Where(l => l.Decision == LineDecision.Approved).Sum(l => l.TotalFen), c.Lines.Where(l => l.Payment == PaymentState.Paid).Sum(l => l.TotalFen),
            lines, signals, budget, budget?.Exceeded == true,
            c.Transitions.OrderBy(t => t.Id).Select(t => new Step(t.Action, t.Action is { } a ? Words.Of(a) : Say.Text("Ui.System"), t.From, t.To, t.AtUtc, t.UserName, t.Reason)).ToList(),
            ActionsFor(c, user));
    }

    public static IReadOnlyList<ClaimAction> ActionsFor(SubsidyClaim c, CurrentUser user)
    {
        var list = new List<ClaimAction>();
        if (!SubsidyAccess.Writers.Any(user.IsInRole)) return list;
        if (c.Editable) list.Add(ClaimAction.Submit);
        if (!user.IsCounty())
        {
            if (c.Status == ClaimStatus.Submitted) list.Add(ClaimAction.Withdraw);
            return list;
        }
        if (c.Status == ClaimStatus.Submitted) list.AddRange([ClaimAction.Review, ClaimAction.Return]);
        if (c.Status == ClaimStatus.Reviewed) list.Add(ClaimAction.Publish);
        if (c.Status == ClaimStatus.InNotice) list.Add(ClaimAction.Approve);
        return list;
    }
}
