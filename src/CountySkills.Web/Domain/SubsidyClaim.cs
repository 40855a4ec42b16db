namespace CountySkills.Web.Domain;

public enum ClaimStatus
{
    [Zh("草稿")] Draft = 1,
    [Zh("已提交")] Submitted = 2,
    [Zh("已退回修改", "已退回")] Returned = 3,
    [Zh("已审核")] Reviewed = 4,
    [Zh("公示中", "公示", "Notice", "PublicNotice", "Noticed", "Published")] InNotice = 5,
    [Zh("已审批", "审批通过")] Approved = 6,
    [Zh("已拨付")] Paid = 7,
}

public enum ClaimAction
{
    [Zh("提交申请", "提交")] Submit = 1,
    [Zh("撤回申请", "撤回")] Withdraw = 2,
    [Zh("审核", "审核完成")] Review = 3,
    [Zh("发布公示", "公示", "notice", "startNotice", "start_notice", "publishNotice")] Publish = 4,
    [Zh("审批通过", "审批")] Approve = 5,
    [Zh("退回修改", "退回")] Return = 6,
}

public enum LineDecision
{
    [Zh("待审核")] Pending = 1,
    [Zh("通过", "同意", "approve")] Approved = 2,
    [Zh("不通过", "驳回", "reject")] Rejected = 3,
    [Zh("退回修改", "退回", "return")] Returned = 4,
}

public enum PaymentState { [Zh("不拨付")] None = 0, [Zh("待拨付")] Pending = 1, [Zh("拨付中")] InBatch = 2, [Zh("已拨付")] Paid = 3, [Zh("拨付失败")] Failed = 4 }

public enum SubsidyPayee { [Zh("培训机构")] Institution = 1, [Zh("个人社保卡", "个人")] Person = 2 }

public enum SubsidyFund
{
    [Zh("就业补助资金")] EmploymentFund = 1,
    [Zh("职业技能提升行动专账资金", "失业保险基金", "专账资金")] SkillsAccount = 2,
    [Zh("其他资金")] Other = 9,
}

/// <summary>
/// A training subsidy claim (培训补贴申请) of one completed class: draft → submitted → reviewed (per line) → public notice
/// (公示) → approved → paid. Every step checks its preconditions here, so the page, the API and the demo agree.
/// </summary>
public sealed class SubsidyClaim : Entity, IInstitutionScoped
{
    public string Number { get; set; } = "";
    /// <summary>The address of the claim's public notice (/notices/{code}): random, so notices cannot be counted through (ADR 0013).</summary>
    public string PublicCode { get; set; } = PublicCodes.NewNoticeCode();
    public long ClassId { get; set; }
    public TrainingClass? Class { get; set; }
    public long InstitutionId { get; set; }
    public Institution? Institution { get; set; }
    public SubsidyFund Fund { get; set; } = SubsidyFund.EmploymentFund;
    public SubsidyPayee Payee { get; set; } = SubsidyPayee.Institution;
    public ClaimStatus Status { get; set; } = ClaimStatus.Draft;
    /// <summary>The rules version the lines were judged under; fixed at submission.</summary>
    public long RulesId { get; set; }
    /// <summary>The day of the claim (its creation, then its submission): the year it counts in and the end of the claim window.</summary>
    public DateOnly ClaimedOn { get; set; }
    public DateTime CreatedUtc { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime? SubmittedUtc { get; set; }
    public DateTime? ReviewedUtc { get; set; }
    public string? ReviewedBy { get; set; }
    public DateOnly? NoticeStartsOn { get; set; }
    public DateOnly? NoticeEndsOn { get; set; }
    public DateTime? NoticePublishedUtc { get; set; }
    public DateTime? ApprovedUtc { get; set; }
    public string? ApprovedBy { get; set; }
    public string? Note { get; set; }
    public List<ClaimLine> Lines { get; } = [];
    public List<ClaimTransition> Transitions { get; } = [];

    public static string NumberFor(int year, long classId) => $"BT{year}-{classId:D6}";

    public bool Editable => Status is ClaimStatus.Draft or ClaimStatus.Returned;
    /// <summary>Lines of a claim in these states stand against the person's later claims.</summary>
    public static readonly ClaimStatus[] Standing = [ClaimStatus.Submitted, ClaimStatus.Returned, ClaimStatus.Reviewed, ClaimStatus.InNotice, ClaimStatus.Approved, ClaimStatus.Paid];

    /// <summary>The notice was recorded after it had started (posted elsewhere first): auditors are shown it.</summary>
    public bool NoticeBackdated { get; set; }

    public bool NoticeOpen(DateOnly today) => Status == ClaimStatus.InNotice && NoticeStartsOn <= today && today <= NoticeEndsOn;

    Refusal? State(ClaimAction a, params ClaimStatus[] from) => from.Contains(Status) ? null
        : new("claim.invalid_state", $"申请当前为“{Zh.Of(Status)}”，不能{Zh.Of(a)}");

    void Record(ClaimAction a, ClaimStatus to, string actor, DateTime now, string? reason)
    {
        Transitions.Add(new ClaimTransition { ClaimId = Id, Action = a, From = Status, To = to, AtUtc = now, UserName = actor, Reason = reason });
        Status = to;
        Touch();
    }

    /// <summary>Whether the next submission is the first (or the first since a withdrawal): it binds the rules and the claim date.</summary>
    public bool FirstSubmission => SubmittedUtc is null;

    /// <summary>The first submission binds the rules in force and the claim date; a resubmission after a return keeps them, so lines
    /// already decided keep the year and the rules they were judged under, and only the returned lines are judged again.</summary>
    public Refusal? Submit(long rulesId, DateOnly today, string actor, DateTime now)
    {
        if (State(ClaimAction.Submit, ClaimStatus.Draft, ClaimStatus.Returned) is { } r) return r;
        if (Lines.Count == 0) return new("claim.empty", "申请没有任何学员，不能提交");
        if (FirstSubmission) (RulesId, ClaimedOn, SubmittedUtc) = (rulesId, today, now);
        foreach (var l in Lines.Where(l => l.Decision == LineDecision.Returned)) l.Reopen();
        Record(ClaimAction.Submit, ClaimStatus.Submitted, actor, now, null);
        return null;
    }

    /// <summary>Back to a draft: decisions taken so far were provisional, and the next submission is a new one (rules and date bound again).</summary>
    public Refusal? Withdraw(string actor, DateTime now)
    {
        if (State(ClaimAction.Withdraw, ClaimStatus.Submitted) is { } r) return r;
        foreach (var l in Lines) l.Reopen();
        SubmittedUtc = null;
        Record(ClaimAction.Withdraw, ClaimStatus.Draft, actor, now, null);
        return null;
    }

    /// <summary>How far back a notice posted elsewhere (village board) may be recorded.</summary>
    public const int MaxBackdateDays = 30;

    /// <summary>The reviewer's decisions; lines not named take the system verdict (eligible → approved, otherwise rejected with its reasons).
    /// Any returned line sends the claim back to the institution.</summary>
    public Refusal? Review(IReadOnlyDictionary<long, (LineDecision Decision, string? Reason)> decisions, string actor, DateTime now)
    {
        if (State(ClaimAction.Review, ClaimStatus.Submitted) is { } r) return r;
        foreach (var id in decisions.Keys)
            if (Lines.All(l => l.Id != id)) return new("line.not_found", $"第 {id} 号明细不属于本申请");
        foreach (var line in Lines.Where(l => l.Decision == LineDecision.Pending))
        {
            var (decision, reason) = decisions.TryGetValue(line.Id, out var d) ? d
                : line.Eligible ? (LineDecision.Approved, null) : (LineDecision.Rejected, string.Join("；", line.ExplanationList));
            if (line.Decide(decision, reason, actor, now) is { } refusal) return refusal;
        }
        ReviewedUtc = now;
        ReviewedBy = actor;
        var back = Lines.Any(l => l.Decision == LineDecision.Returned);
        Record(ClaimAction.Review, back ? ClaimStatus.Returned : ClaimStatus.Reviewed, actor, now, back ? "部分学员退回修改" : null);
        return null;
    }

    /// <summary>The reviewer sends the whole claim back: every undecided line is returned with the reason.</summary>
    public Refusal? ReturnAll(string? reason, string actor, DateTime now)
    {
        if (State(ClaimAction.Return, ClaimStatus.Submitted) is { } r) return r;
        if (string.IsNullOrWhiteSpace(reason)) return new("claim.reason_required", "退回修改须写明原因");
        foreach (var l in Lines.Where(l => l.Decision == LineDecision.Pending)) l.Decide(LineDecision.Returned, reason, actor, now);
        ReviewedUtc = now;
        ReviewedBy = actor;
        Record(ClaimAction.Return, ClaimStatus.Returned, actor, now, reason.Trim());
        return null;
    }

    /// <summary>One line decided ahead of finishing the review (the review keeps it).</summary>
    public Refusal? DecideLine(long lineId, LineDecision decision, string? reason, string actor, DateTime now)
    {
        if (State(ClaimAction.Review, ClaimStatus.Submitted) is { } r) return r;
        if (Lines.FirstOrDefault(l => l.Id == lineId) is not { } line) return new("line.not_found", $"第 {lineId} 号明细不属于本申请");
        if (line.Decide(decision, reason, actor, now) is { } refusal) return refusal;
        Touch();
        return null;
    }

    public Refusal? Publish(DateOnly startsOn, DateOnly today, WorkCalendar calendar, int days, string? reason, string actor, DateTime now)
    {
        if (State(ClaimAction.Publish, ClaimStatus.Reviewed) is { } r) return r;
        if (Lines.All(l => l.Decision != LineDecision.Approved)) return new("claim.nothing_approved", "没有审核通过的学员，无需公示");
        if (startsOn < today && string.IsNullOrWhiteSpace(reason))
            return new("notice.reason_required", $"公示开始日期 {startsOn:yyyy-MM-dd} 早于今天：补录线下公示须说明原因");
        if (startsOn < today.AddDays(-MaxBackdateDays))
            return new("notice.too_early", $"公示开始日期 {startsOn:yyyy-MM-dd} 早于今天超过 {MaxBackdateDays} 天，不能补录");
        NoticeBackdated = startsOn < today;
        NoticeStartsOn = calendar.OnOrAfter(startsOn);
        NoticeEndsOn = calendar.PeriodEnd(NoticeStartsOn.Value, days);
        NoticePublishedUtc = now;
        Record(ClaimAction.Publish, ClaimStatus.InNotice, actor, now, reason);
        return null;
    }

    public Refusal? Approve(DateOnly today, int openObjections, string actor, DateTime now)
    {
        if (State(ClaimAction.Approve, ClaimStatus.InNotice) is { } r) return r;
        if (today <= NoticeEndsOn) return new("notice.period_not_ended", $"公示期至 {NoticeEndsOn:yyyy-MM-dd} 结束，公示期满后才能审批");
        if (openObjections > 0) return new("notice.objection_open", $"还有 {openObjections} 件异议未处理，处理完毕后才能审批");
        ApprovedUtc = now;
        ApprovedBy = actor;
        foreach (var l in Lines.Where(l => l.Decision == LineDecision.Approved)) l.Payment = PaymentState.Pending;
        Record(ClaimAction.Approve, ClaimStatus.Approved, actor, now, null);
        return null;
    }

    /// <summary>After a payment result: the claim is paid once every approved line is.</summary>
    public void SettleIfPaid(string actor, DateTime now)
    {
        var payable = Lines.Where(l => l.Decision == LineDecision.Approved).ToList();
        if (Status == ClaimStatus.Approved && payable.Count > 0 && payable.All(l => l.Payment == PaymentState.Paid))
        {
            Transitions.Add(new ClaimTransition { ClaimId = Id, Action = null, From = Status, To = ClaimStatus.Paid, AtUtc = now, UserName = actor, Reason = "全部拨付完成" });
            Status = ClaimStatus.Paid;
            Touch();
        }
    }

}

/// <summary>One trainee of a claim: the facts as judged, the verdict, the reviewer's decision and the payment.</summary>
public sealed class ClaimLine : IAudited
{
    public long Id { get; set; }
    public long ClaimId { get; set; }
    public long PersonId { get; set; }
    public Person? Person { get; set; }
    public long EnrolmentId { get; set; }
    public long? CertificateId { get; set; }
    public string? CertificateNumber { get; set; }
    public DateOnly? CertificateIssuedOn { get; set; }
    public CertificateKind Kind { get; set; }
    public long OccupationId { get; set; }
    public SkillLevel Level { get; set; }
    public decimal? AttendancePercent { get; set; }
    public bool Completed { get; set; }
    public bool Eligible { get; set; }
    public long AmountFen { get; set; }
    public long AssessmentFen { get; set; }
    /// <summary>Reason codes, comma separated.</summary>
    public string Reasons { get; set; } = "";
    /// <summary>The Chinese explanations, one per line.</summary>
    public string Explanations { get; set; } = "";
    public LineDecision Decision { get; set; } = LineDecision.Pending;
    public string? DecisionReason { get; set; }
    public string? DecidedBy { get; set; }
    public DateTime? DecidedUtc { get; set; }
    public PaymentState Payment { get; set; }
    public DateOnly? PaidOn { get; set; }

    public IReadOnlyList<string> ReasonList => Reasons.Split(',', StringSplitOptions.RemoveEmptyEntries);
    public IReadOnlyList<string> ExplanationList => Explanations.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    public long TotalFen => AmountFen + AssessmentFen;

    public void Apply(Verdict v)
    {
        Eligible = v.Eligible;
        AmountFen = v.AmountFen;
        AssessmentFen = v.AssessmentFen;
        Reasons = string.Join(',', v.Reasons);
        Explanations = string.Join('\n', v.Explanations);
    }

    public Refusal? Decide(LineDecision decision, string? reason, string actor, DateTime now)
    {
        if (decision == LineDecision.Pending) return new("line.decision", "请为每名学员选择 通过、不通过 或 退回修改");
        if (decision == LineDecision.Approved && !Eligible)
            return new("line.ineligible", $"该学员不符合补贴条件（{string.Join("、", ReasonList.Select(SubsidyReason.Zh))}），不能审核通过");
        if (decision is LineDecision.Rejected or LineDecision.Returned && string.IsNullOrWhiteSpace(reason))
            return new("line.reason_required", "不通过或退回修改须写明原因");
        (Decision, DecisionReason, DecidedBy, DecidedUtc) = (decision, reason?.Trim(), actor, now);
        return null;
    }

    public void Reopen() => (Decision, DecisionReason, DecidedBy, DecidedUtc) = (LineDecision.Pending, null, null, null);
}

public sealed class ClaimTransition : IAudited
{
    public long Id { get; set; }
    public long ClaimId { get; set; }
    /// <summary>Null for a step the system takes (paid in full).</summary>
    public ClaimAction? Action { get; set; }
    public ClaimStatus From { get; set; }
    public ClaimStatus To { get; set; }
    public DateTime AtUtc { get; set; }
    public string UserName { get; set; } = "";
    public string? Reason { get; set; }
}

public enum ObjectionStatus { [Zh("待处理")] Open = 1, [Zh("异议成立")] Upheld = 2, [Zh("异议不成立")] Dismissed = 3 }

/// <summary>An objection (异议) anyone filed against a claim during its public notice.</summary>
public sealed class Objection : Entity
{
    public long ClaimId { get; set; }
    /// <summary>The notice line it names, when it names one.</summary>
    public long? LineId { get; set; }
    [PersonalData(PersonalKind.FreeText)] public required string Contact { get; set; }
    [PersonalData(PersonalKind.FreeText)] public required string Text { get; set; }
    public DateTime FiledUtc { get; set; }
    public ObjectionStatus Status { get; set; } = ObjectionStatus.Open;
    public string? Resolution { get; set; }
    public string? ResolvedBy { get; set; }
    public DateTime? ResolvedUtc { get; set; }

    /// <summary>Resolves the objection against <paramref name="claim"/> (its own claim): an objection upheld after the claim was approved
    /// is refused (the approval must be undone first); the claim's version moves with an upheld one.</summary>
    public Refusal? Resolve(SubsidyClaim claim, bool upheld, string? reason, IReadOnlyList<ClaimLine> lines, string actor, DateTime now)
    {
        if (upheld && claim.Status is ClaimStatus.Approved or ClaimStatus.Paid) return new("claim.invalid_state", "申请已审批，异议成立须先撤销审批");
        if (Resolve(upheld, reason, lines, actor, now) is { } refused) return refused;
        if (upheld) claim.Touch();
        return null;
    }

    /// <summary>Upheld: the named lines are rejected; dismissed: recorded with its reason.</summary>
    public Refusal? Resolve(bool upheld, string? reason, IReadOnlyList<ClaimLine> lines, string actor, DateTime now)
    {
        if (Status != ObjectionStatus.Open) return new("objection.resolved", $"该异议已处理（{Zh.Of(Status)}）");
        if (string.IsNullOrWhiteSpace(reason)) return new("objection.reason_required", "请写明调查结论");
        if (upheld && lines.Count == 0) return new("objection.line_required", "异议成立时请指明要取消补贴的学员");
        if (upheld)
            foreach (var l in lines)
                (l.Decision, l.DecisionReason, l.DecidedBy, l.DecidedUtc, l.Payment) = (LineDecision.Rejected, $"公示异议成立：{reason!.Trim()}", actor, now, PaymentState.None);
        (Status, Resolution, ResolvedBy, ResolvedUtc) = (upheld ? ObjectionStatus.Upheld : ObjectionStatus.Dismissed, reason!.Trim(), actor, now);
        Touch();
        return null;
    }
}

/// <summary>A payment batch sent to the bank (or the treasury); each item pays one approved line.</summary>
public sealed class PaymentBatch : Entity
{
    public string Number { get; set; } = "";
    public SubsidyFund Fund { get; set; }
    public DateTime CreatedUtc { get; set; }
    public string CreatedBy { get; set; } = "";
    public int ItemCount { get; set; }
    public long TotalFen { get; set; }
    public bool Settled { get; set; }
    public List<PaymentItem> Items { get; } = [];

    /// <summary>Records what the bank paid and what failed (items loaded with their lines). Every line named must be in this batch
    /// and still waiting; a line is paid or failed, never both, and named once; the payment date is not after today. With
    /// <paramref name="allPaid"/> every waiting item not named as failed is paid. The batch is settled when no item waits.
    /// Returns a refusal (its code names the rule: payment.both, payment.twice, payment.not_in_batch, payment.already_recorded,
    /// payment.future_date) or null.</summary>
    public Refusal? RecordResults(IReadOnlyCollection<long> paidLines, IReadOnlyCollection<(long LineId, string Reason)> failed, bool allPaid,
        DateOnly paidOn, DateOnly today)
    {
        var byLine = Items.ToDictionary(i => i.LineId);
        var failedIds = failed.Select(f => f.LineId).ToList();
        var paid = allPaid ? Items.Where(i => i.Status == PaymentState.InBatch).Select(i => i.LineId).Except(failedIds).ToList() : paidLines.ToList();
        if (paid.Intersect(failedIds).FirstOrDefault() is var both && both != 0)
            return new("payment.both", $"明细 {both} 不能同时登记为已拨付和拨付失败");
        if (paid.Concat(failedIds).GroupBy(x => x).FirstOrDefault(g => g.Count() > 1) is { } twice)
            return new("payment.twice", $"明细 {twice.Key} 重复出现");
        foreach (var lineId in paid.Concat(failedIds))
        {
            if (!byLine.TryGetValue(lineId, out var item)) return new("payment.not_in_batch", $"明细 {lineId} 不在本批次中");
            if (item.Status != PaymentState.InBatch) return new("payment.already_recorded", $"明细 {lineId} 的拨付结果已登记为“{Zh.Of(item.Status)}”");
        }
        if (paidOn > today) return new("payment.future_date", "拨付日期不能晚于今天");
        foreach (var lineId in paid)
        {
            var item = byLine[lineId];
            (item.Status, item.PaidOn, item.Line!.Payment, item.Line.PaidOn) = (PaymentState.Paid, paidOn, PaymentState.Paid, paidOn);
        }
        foreach (var (lineId, reason) in failed)
        {
            var item = byLine[lineId];
            (item.Status, item.FailureReason, item.Line!.Payment) = (PaymentState.Failed, reason.Trim(), PaymentState.Failed);
        }
        Settled = Items.All(i => i.Status != PaymentState.InBatch);
        Touch();
        return null;
    }
}

public sealed class PaymentItem : IAudited
{
    public long Id { get; set; }
    public long BatchId { get; set; }
    public long LineId { get; set; }
    public ClaimLine? Line { get; set; }
    public long AmountFen { get; set; }
    public PaymentState Status { get; set; } = PaymentState.InBatch;
    public string? FailureReason { get; set; }
    public DateOnly? PaidOn { get; set; }
}

/// <summary>The year's subsidy budget of one fund.</summary>
public sealed class SubsidyBudget : Entity
{
    public int Year { get; set; }
    public SubsidyFund Fund { get; set; }
    public long AmountFen { get; set; }
    public string? Note { get; set; }
}

/// <summary>A subsidy paid before the system existed, from the old Excel records, so the yearly and lifetime rules hold from day one.</summary>
public sealed class HistoricSubsidy : IAudited
{
    public long Id { get; set; }
    [PersonalData(PersonalKind.IdNumber)] public required string IdNumber { get; set; }
    public long? PersonId { get; set; }
    public required string Name { get; set; }
    public long? OccupationId { get; set; }
    public required string OccupationName { get; set; }
    public SkillLevel Level { get; set; }
    public string? CertificateNumber { get; set; }
    public long AmountFen { get; set; }
    public DateOnly PaidOn { get; set; }
    public string? InstitutionName { get; set; }
    public long? ImportBatchId { get; set; }
    public DateTime CreatedUtc { get; set; }
    /// <summary>ID, occupation, level and paid date: one record per payment, so importing a file twice changes nothing.</summary>
    [PersonalData(PersonalKind.FreeText)] public required string Key { get; set; }

    public static string KeyOf(string idNumber, string occupationName, SkillLevel level, DateOnly paidOn) => $"{idNumber}|{occupationName}|{(int)level}|{paidOn:yyyyMMdd}";
}
