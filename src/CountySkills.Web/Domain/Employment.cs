namespace CountySkills.Web.Domain;

public static class DestinationBands
{
    /// <summary>县内 / 县外省内 / 省外(含境外), as the reports fold the five bands.</summary>
    public static string Folded(this DestinationBand b) => b switch
    {
        DestinationBand.InCounty => "县内",
        DestinationBand.OutOfCountyInCity or DestinationBand.OutOfCityInProvince => "县外省内",
        _ => "省外(含境外)",
    };
}

/// <summary>A labour cooperation base (劳务协作基地) in a partner city.</summary>
public sealed class LabourBase : Entity
{
    public required string Name { get; set; }
    public required string Province { get; set; }
    public required string City { get; set; }
    public string? Address { get; set; }
    public string? ContactName { get; set; }
    [PersonalData(PersonalKind.Phone)] public string? ContactPhone { get; set; }
    /// <summary>The partner employer that runs it, when one does.</summary>
    public long? EmployerId { get; set; }
    public Employer? Employer { get; set; }
    public string? Note { get; set; }
}

[Flags]
public enum AgreementBenefits
{
    None = 0,
    [Zh("免费食宿")] FreeBoardLodging = 1,
    [Zh("保证就业", "包就业")] GuaranteedJob = 2,
    [Zh("免学费和材料费", "免费培训")] FreeTuitionMaterials = 4,
    [Zh("交通补贴", "路费补贴")] TravelSubsidy = 8,
    [Zh("社会保险", "缴纳社保")] SocialInsurance = 16,
}

public enum AgreementStatus { [Zh("草拟")] Draft = 1, [Zh("履行中", "生效")] Active = 2, [Zh("已终止")] Terminated = 3 }

/// <summary>A labour cooperation agreement (劳务协作协议) with a partner: dates, a yearly quota and what workers get.</summary>
public sealed class Agreement : Entity
{
    public required string Title { get; set; }
    /// <summary>The other party as the agreement names it (a city's HR bureau, an employer…).</summary>
    public required string PartnerName { get; set; }
    public string? PartnerProvince { get; set; }
    public string? PartnerCity { get; set; }
    public long? EmployerId { get; set; }
    public Employer? Employer { get; set; }
    public long? LabourBaseId { get; set; }
    public LabourBase? LabourBase { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }
    public int QuotaPerYear { get; set; }
    public AgreementBenefits Benefits { get; set; }
    public AgreementStatus Status { get; set; } = AgreementStatus.Draft;
    public string? Note { get; set; }

    /// <summary>In force on a day: active and within its dates.</summary>
    public bool InForce(DateOnly day) => Status == AgreementStatus.Active && StartDate <= day && day <= EndDate;

    /// <summary>Terminates the agreement early (提前终止) on a day: it is no longer in force from then; its end date moves up to that day.</summary>
    public Refusal? Terminate(DateOnly on)
    {
        if (Status == AgreementStatus.Terminated) return new("agreement.terminated", "该协议已终止");
        if (on < StartDate) return new("agreement.end_before_start", "终止日期不能早于协议开始日期");
        Status = AgreementStatus.Terminated;
        if (on < EndDate) EndDate = on;
        return null;
    }
}

public enum JobOrderStatus { [Zh("招聘中")] Open = 1, [Zh("已招满")] Filled = 2, [Zh("已关闭")] Closed = 3 }

/// <summary>An employer's job order (用工订单): what, how many, for how much, where, by when. It may spawn an order-training class.</summary>
public sealed class JobOrder : Entity, IEmployerScoped
{
    public required string Title { get; set; }
    public long EmployerId { get; set; }
    public Employer? Employer { get; set; }
    public long? OccupationId { get; set; }
    public Occupation? Occupation { get; set; }
    public int Headcount { get; set; }
    public long WageMinFen { get; set; }
    public long WageMaxFen { get; set; }
    public string? Province { get; set; }
    public string? City { get; set; }
    public DateOnly Deadline { get; set; }
    public JobOrderStatus Status { get; set; } = JobOrderStatus.Open;
    /// <summary>The order-training class (订单式培训) it spawned.</summary>
    public long? ClassId { get; set; }
    public string? Note { get; set; }
    public DateTime CreatedUtc { get; set; }
    public string CreatedBy { get; set; } = "";

    /// <summary>Closes the order (no more recruiting under it).</summary>
    public Refusal? Close()
    {
        if (Status == JobOrderStatus.Closed) return new("job_order.closed", "该订单已关闭");
        Status = JobOrderStatus.Closed;
        return null;
    }

    /// <summary>Links the order-training class opened for it; an order has at most one.</summary>
    public Refusal? AttachClass(long classId)
    {
        if (ClassId is { } existing && existing != classId) return new("job_order.has_class", $"该订单已开设订单班（编号 {existing}）");
        ClassId = classId;
        return null;
    }

    /// <summary>Why an order-training class may not be opened for it now, or null.</summary>
    public Refusal? CanOpenClass() =>
        ClassId is { } existing ? new("job_order.has_class", $"该订单已开设订单班（编号 {existing}）")
        : Status == JobOrderStatus.Closed ? new("job_order.closed", "该订单已关闭，不能再开设订单班") : null;
}

/// <summary>A person placed in a job (local or in a partner city). Follow-ups are scheduled from its start.</summary>
public sealed class Placement : Entity, IAreaScoped
{
    public long PersonId { get; set; }
    public Person? Person { get; set; }
    /// <summary>The person's village when placed: township officers see the placements of their own people.</summary>
    public required string AreaCode { get; set; }
    public long? EmployerId { get; set; }
    public Employer? Employer { get; set; }
    /// <summary>The employer as written, for one not among the partners (a self-found job).</summary>
    public required string EmployerName { get; set; }
    public string? Province { get; set; }
    public string? City { get; set; }
    public DestinationBand Band { get; set; }
    public string? Position { get; set; }
    public DateOnly StartDate { get; set; }
    public long MonthlyWageFen { get; set; }
    /// <summary>Organised by the county (组织化输出), or found by the worker.</summary>
    public bool Organised { get; set; }
    public long? ClassId { get; set; }
    public long? BrandId { get; set; }
    public long? AgreementId { get; set; }
    public long? JobOrderId { get; set; }
    public DateOnly? EndedOn { get; set; }
    public string? EndReason { get; set; }
    public DateTime CreatedUtc { get; set; }
    public string CreatedBy { get; set; } = "";
    public List<FollowUp> FollowUps { get; } = [];

    public bool Active => EndedOn is null;

    /// <summary>One follow-up per interval (months after the start), due on the same day of that month.</summary>
    public void ScheduleFollowUps(IEnumerable<int> months)
    {
        foreach (var m in months.Distinct().Order())
            FollowUps.Add(new FollowUp { Months = m, DueOn = StartDate.AddMonths(m), PersonId = PersonId, AreaCode = AreaCode, EmployerId = EmployerId });
    }

    /// <summary>Ends the placement; follow-ups not yet due after the end are cancelled.</summary>
    public Refusal? End(DateOnly on, string reason, DateOnly today)
    {
        if (EndedOn is not null) return new("placement.ended", $"该就业记录已于 {EndedOn:yyyy-MM-dd} 结束");
        if (on < StartDate) return new("placement.end_before_start", $"结束日期不能早于上岗日期 {StartDate:yyyy-MM-dd}");
        if (on > today) return new("placement.end_in_future", "结束日期不能晚于今天");
        (EndedOn, EndReason) = (on, reason.Trim());
        foreach (var f in FollowUps.Where(f => f.DoneOn is null && f.DueOn > on)) f.Cancelled = true;
        Touch();
        return null;
    }
}

[Flags]
public enum FollowUpProblems
{
    None = 0,
    [Zh("拖欠工资", "欠薪")] UnpaidWages = 1,
    [Zh("劳动合同问题", "合同")] Contract = 2,
    [Zh("安全问题", "安全")] Safety = 4,
    [Zh("想返乡", "返乡")] WantsToReturn = 8,
}

public enum FollowUpState { [Zh("未到期")] Upcoming = 1, [Zh("待回访")] Due = 2, [Zh("已逾期")] Overdue = 3, [Zh("已回访")] Done = 4, [Zh("已取消")] Cancelled = 5 }

/// <summary>A scheduled follow-up (跟踪回访) of a placed worker: still employed, same employer, wage, problems.</summary>
public sealed class FollowUp : Entity, IAreaScoped
{
    public long PlacementId { get; set; }
    public long PersonId { get; set; }
    public required string AreaCode { get; set; }
    public long? EmployerId { get; set; }
    public int Months { get; set; }
    public DateOnly DueOn { get; set; }
    public bool Cancelled { get; set; }
    public DateOnly? DoneOn { get; set; }
    public bool? StillEmployed { get; set; }
    public bool? SameEmployer { get; set; }
    public long? WageFen { get; set; }
    public FollowUpProblems Problems { get; set; }
    public string? Notes { get; set; }
    public string? RecordedBy { get; set; }
    /// <summary>Confirmed by the employer (EmployerStaff) rather than by the township officer.</summary>
    public bool ByEmployer { get; set; }

    /// <summary>Due from a week before its day; overdue once the day has passed.</summary>
    public FollowUpState StateOn(DateOnly today) =>
        Cancelled ? FollowUpState.Cancelled : DoneOn is not null ? FollowUpState.Done
        : DueOn < today ? FollowUpState.Overdue : DueOn <= today.AddDays(7) ? FollowUpState.Due : FollowUpState.Upcoming;

    public Refusal? Record(DateOnly on, bool stillEmployed, bool? sameEmployer, long? wageFen, FollowUpProblems problems, string? notes, string by, bool byEmployer,
        DateOnly today, DateOnly startedOn)
    {
        if (Cancelled) return new("followup.cancelled", "该回访已取消（就业已结束）");
        if (on > today) return new("followup.in_future", "回访日期不能晚于今天");
        if (on < startedOn) return new("followup.before_start", $"回访日期不能早于上岗日期 {startedOn:yyyy-MM-dd}");
        if (wageFen is < 0 or > 10_000_000) return new("followup.wage", "月工资应在 0 至 100,000 元之间");
        (DoneOn, StillEmployed, SameEmployer, WageFen, Problems, Notes, RecordedBy, ByEmployer) =
            (on, stillEmployed, stillEmployed ? sameEmployer : false, stillEmployed ? wageFen : null, problems, notes?.Trim(), by, byEmployer);
        Touch();
        return null;
    }
}

public enum AlertKind { [Zh("拖欠工资")] UnpaidWages = 1 }

/// <summary>Something county officers must act on, raised by a follow-up (e.g. unpaid wages).</summary>
public sealed class EmploymentAlert : Entity, IAreaScoped
{
    public AlertKind Kind { get; set; }
    public long PlacementId { get; set; }
    public long? FollowUpId { get; set; }
    public long PersonId { get; set; }
    public required string AreaCode { get; set; }
    public required string Text { get; set; }
    public DateTime RaisedUtc { get; set; }
    public string RaisedBy { get; set; } = "";
    public DateTime? ClosedUtc { get; set; }
    public string? ClosedBy { get; set; }
    public string? Resolution { get; set; }

    public bool Open => ClosedUtc is null;
}
