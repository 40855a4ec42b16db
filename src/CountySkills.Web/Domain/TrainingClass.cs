namespace CountySkills.Web.Domain;

/// <summary>A training class (培训班) and its lifecycle: draft → submitted (开班申请) → approved / returned →
/// in progress → completed (结业) → closed. The rules of who may move it where live here.</summary>
public sealed class TrainingClass : Entity, IInstitutionScoped
{
    public required string Name { get; set; }
    public long InstitutionId { get; set; }
    public Institution? Institution { get; set; }
    public long OccupationId { get; set; }
    public Occupation? Occupation { get; set; }
    public SkillLevel Level { get; set; }
    public ClassKind Kind { get; set; }
    public bool Subsidised { get; set; }
    public PersonTags TargetGroups { get; set; }
    public long? EmployerId { get; set; }
    public Employer? Employer { get; set; }
    /// <summary>The labour brand the class trains for (brands arrive with the employment area).</summary>
    public long? BrandId { get; set; }
    /// <summary>The employer's job order this order-training class (订单式培训) was opened for.</summary>
    public long? JobOrderId { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }
    public int Hours { get; set; }
    public string? Place { get; set; }
    public int Capacity { get; set; }
    public string? Teachers { get; set; }
    public string? TeachingPlan { get; set; }
    public string? AssessmentPlan { get; set; }
    public ClassStatus Status { get; set; } = ClassStatus.Draft;
    public string? ReturnReason { get; set; }
    public DateTime CreatedUtc { get; set; }
    public string CreatedBy { get; set; } = "";
    public List<ClassTransition> Transitions { get; } = [];

    /// <summary>Which action leads from which states to which state, and whether only the county may take it.</summary>
    public static readonly IReadOnlyDictionary<ClassAction, (ClassStatus[] From, ClassStatus To, bool CountyOnly)> Rules =
        new Dictionary<ClassAction, (ClassStatus[], ClassStatus, bool)>
        {
            [ClassAction.Submit] = ([ClassStatus.Draft, ClassStatus.Returned], ClassStatus.Submitted, false),
            [ClassAction.Withdraw] = ([ClassStatus.Submitted], ClassStatus.Draft, false),
            [ClassAction.Approve] = ([ClassStatus.Submitted], ClassStatus.Approved, true),
            [ClassAction.Return] = ([ClassStatus.Submitted], ClassStatus.Returned, true),
            [ClassAction.Start] = ([ClassStatus.Approved], ClassStatus.InProgress, false),
            [ClassAction.Complete] = ([ClassStatus.InProgress], ClassStatus.Completed, false),
            [ClassAction.Close] = ([ClassStatus.Completed], ClassStatus.Closed, true),
        };

    public static ClassAction? ActionLeadingTo(ClassStatus to) => Rules.Where(r => r.Value.To == to).Select(r => (ClassAction?)r.Key).FirstOrDefault();

    /// <summary>Actions this actor could take now (for the buttons a page shows).</summary>
    public IEnumerable<ClassAction> ActionsFor(bool county) =>
        Rules.Where(r => r.Value.From.Contains(Status) && (county || !r.Value.CountyOnly)).Select(r => r.Key);

    /// <summary>Moves the class on, or says why not. <paramref name="county"/>: the actor is county staff (or admin).</summary>
    public Refusal? Apply(ClassAction action, bool county, string? reason, string actor, DateTime nowUtc)
    {
        var rule = Rules[action];
        if (rule.CountyOnly && !county)
            return new Refusal("transition.forbidden", $"“{Zh.Of(action)}”只能由县人社局业务人员操作");
        if (!rule.From.Contains(Status))
            return new Refusal("transition.invalid_state", $"培训班当前为“{Zh.Of(Status)}”，不能“{Zh.Of(action)}”");
        if (action == ClassAction.Return && string.IsNullOrWhiteSpace(reason))
            return new Refusal("transition.reason_required", "退回开班申请时请写明退回原因");
        Transitions.Add(new ClassTransition { Action = action, From = Status, To = rule.To, AtUtc = nowUtc, UserName = actor, Reason = reason?.Trim() });
        ReturnReason = action == ClassAction.Return ? reason!.Trim() : action == ClassAction.Submit ? null : ReturnReason;
        Status = rule.To;
        return null;
    }

    /// <summary>The plan may change only while the institution holds it (draft or returned).</summary>
    public bool Editable => Status is ClassStatus.Draft or ClassStatus.Returned;

    /// <summary>Trainees may be added until the class has completed.</summary>
    public bool TakesEnrolments => Status is not (ClassStatus.Completed or ClassStatus.Closed);

    public bool Overlaps(DateOnly start, DateOnly end) => StartDate <= end && start <= EndDate;

    /// <summary>Why this person may not join this class, or null. The caller supplies what needs the database.</summary>
    /// <param name="who">How the refusal names the person (institution staff see the masked ID of someone not yet theirs).</param>
    /// <param name="showOther">Whether the overlapping class may be named (not when it belongs to another institution).</param>
    public Refusal? RefuseEnrolment(Person person, int activeEnrolments, bool alreadyHere, TrainingClass? overlapping, int minAge, int maxAge,
        string? who = null, bool showOther = true)
    {
        who ??= person.Name;
        if (!TakesEnrolments) return new Refusal("enrolment.class_closed", $"培训班已“{Zh.Of(Status)}”，不能再报名");
        if (person.IsMerged) return new Refusal("enrolment.merged_person", "该身份证号的记录已合并到其他人员，请用保留记录的身份证号报名");
        if (alreadyHere) return new Refusal("enrolment.duplicate", $"{who} 已在本班学员名单中");
        if (overlapping is not null)
            return new Refusal("enrolment.overlap", showOther
                ? $"{who} 已报名“{overlapping.Name}”（{overlapping.StartDate:yyyy-MM-dd} 至 {overlapping.EndDate:yyyy-MM-dd}），与本班培训时间重叠"
                : $"{who} 已报名其他培训机构的培训班，培训时间与本班重叠");
        if (activeEnrolments >= Capacity) return new Refusal("enrolment.capacity", $"本班计划招收 {Capacity} 人，已满员");
        if (Subsidised)
        {
            var age = person.AgeOn(StartDate);
            if (age < minAge || age > maxAge)
                return new Refusal("enrolment.age", who == person.Name
                    ? $"{who} 开班时 {age} 岁，不在补贴性培训的劳动年龄（{minAge}–{maxAge} 岁）内"
                    : $"{who} 开班时不在补贴性培训的劳动年龄（{minAge}–{maxAge} 岁）内");
        }
        return null;
    }
}

/// <summary>One step of a class's lifecycle: who moved it, when, and why (append-only).</summary>
public sealed class ClassTransition : IAudited
{
    public long Id { get; set; }
    public long ClassId { get; set; }
    public ClassAction Action { get; set; }
    public ClassStatus From { get; set; }
    public ClassStatus To { get; set; }
    public DateTime AtUtc { get; set; }
    public string UserName { get; set; } = "";
    public string? Reason { get; set; }
}

public enum EnrolmentStatus { [Zh("在册")] Active = 1, [Zh("已退出")] Withdrawn = 2 }

/// <summary>A person on a class's roster, with the assessment result once known.</summary>
public sealed class Enrolment : Entity
{
    public long ClassId { get; set; }
    public TrainingClass? Class { get; set; }
    public long PersonId { get; set; }
    public Person? Person { get; set; }
    public EnrolmentStatus Status { get; set; } = EnrolmentStatus.Active;
    public DateTime EnrolledUtc { get; set; }
    public string EnrolledBy { get; set; } = "";
    public DateTime? WithdrawnUtc { get; set; }
    public string? WithdrawReason { get; set; }
    public bool? Passed { get; set; }
    public decimal? Score { get; set; }
    public DateOnly? AssessedOn { get; set; }

    public Refusal? RecordResult(TrainingClass cls, bool passed, decimal? score, DateOnly on)
    {
        if (Status != EnrolmentStatus.Active) return new Refusal("result.withdrawn", "该学员已退出本班，不能登记考核结果");
        if (cls.Status is not (ClassStatus.InProgress or ClassStatus.Completed))
            return new Refusal("result.invalid_state", $"培训班当前为“{Zh.Of(cls.Status)}”，开班后才能登记结业考核结果");
        if (score is < 0 or > 100) return new Refusal("result.score", "考核成绩应在 0 到 100 之间");
        (Passed, Score, AssessedOn) = (passed, score, on);
        return null;
    }
}

/// <summary>One teaching session (课次) of a class.</summary>
public sealed class TrainingSession : Entity
{
    public long ClassId { get; set; }
    public TrainingClass? Class { get; set; }
    public DateOnly Date { get; set; }
    public TimeOnly? StartTime { get; set; }
    public TimeOnly? EndTime { get; set; }
    public decimal Hours { get; set; }
    public string? Topic { get; set; }
    public string? Teacher { get; set; }
    /// <summary>Set once attendance was taken: only such sessions count in attendance rates.</summary>
    public DateTime? AttendanceTakenUtc { get; set; }
}

/// <summary>Whether one trainee attended one session.</summary>
public sealed class AttendanceRecord : IAudited
{
    public long Id { get; set; }
    public long SessionId { get; set; }
    public long EnrolmentId { get; set; }
    public bool Present { get; set; }
    public string? Note { get; set; }
    public DateTime RecordedUtc { get; set; }
    public string RecordedBy { get; set; } = "";
}
