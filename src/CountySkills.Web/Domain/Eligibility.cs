namespace CountySkills.Web.Domain;

/// <summary>What is known of one training when its subsidy is judged. A null fact is not known yet and is not judged
/// (a check before enrolment knows no attendance); a claim line always knows them all.</summary>
public sealed record SubsidyFacts(
    DateOnly BirthDate,
    long? OccupationId,
    string OccupationName,
    SkillLevel Level,
    CertificateKind Kind,
    string? CertificateNumber,
    DateOnly? CertificateIssuedOn,
    decimal? AttendancePercent,
    bool? Completed,
    bool? InstitutionListed,
    string? InstitutionName,
    /// <summary>The day age is taken on: the class's start, or the day asked about.</summary>
    DateOnly AgeOn,
    /// <summary>The day of the claim: the yearly limit counts its calendar year, the claim window ends before it.</summary>
    DateOnly OnDate)
{
    /// <summary>False when the class has no attendance taken at all: the rate is then 0 and the explanation says why.</summary>
    public bool AttendanceRecorded { get; init; } = true;
}

/// <summary>A subsidy the person already has (a claim line still standing, or one imported from the old records).</summary>
public sealed record PriorSubsidy(string Source, long? OccupationId, string OccupationName, SkillLevel Level, CertificateKind? Kind,
    string? CertificateNumber, DateOnly On, string? Institution, long? LineId = null);

public sealed record Verdict(bool Eligible, long AmountFen, long AssessmentFen, IReadOnlyList<string> Reasons, IReadOnlyList<string> Explanations);

/// <summary>The reason codes of an ineligible subsidy, in the order they are judged.</summary>
public static class SubsidyReason
{
    public const string OverYearlyLimit = "over_yearly_limit", SameLevel = "same_level_already_subsidised",
        HigherLevel = "higher_level_already_subsidised", Attendance = "attendance_below_minimum", CertificateMissing = "certificate_missing",
        WindowExpired = "claim_window_expired", Age = "age_out_of_range", NotCompleted = "not_completed", InstitutionNotListed = "institution_not_listed";

    public static readonly string[] All = [OverYearlyLimit, SameLevel, HigherLevel, Attendance, CertificateMissing, WindowExpired, Age, NotCompleted, InstitutionNotListed];

    public static string Zh(string code) => code switch
    {
        OverYearlyLimit => "超过年度补贴次数", SameLevel => "同职业同等级已补贴", HigherLevel => "已补贴更高等级",
        Attendance => "出勤率不足", CertificateMissing => "未取得证书", WindowExpired => "超过申领期限", Age => "不在劳动年龄段",
        NotCompleted => "未结业或考核未通过", InstitutionNotListed => "机构不在目录内", _ => code,
    };
}

/// <summary>
/// The one judgement of a training subsidy: claim lines and the eligibility check (补贴资格查询) both call it, so a clerk's
/// answer before enrolment and the reviewer's line agree. Rules come from the version in force; history from every institution.
/// </summary>
public static class Eligibility
{
    /// <summary>Rank of a level within an occupation: 1 (高级技师) is the highest; no level (专项能力, 合格证) ranks below 初级.</summary>
    static int Rank(SkillLevel l) => l == SkillLevel.None ? 6 : (int)l;

    static string Describe(PriorSubsidy p) =>
        $"{p.Source}（{p.On:yyyy-MM-dd}，{p.OccupationName}{(p.Level == SkillLevel.None ? "" : " " + Domain.Zh.Of(p.Level))}"
        + (p.CertificateNumber is { Length: > 0 } n ? $"，证书 {n}" : "") + (p.Institution is { Length: > 0 } i ? $"，{i}" : "") + "）";

    static bool SameOccupation(PriorSubsidy p, SubsidyFacts f) =>
        p.OccupationId is { } a && f.OccupationId is { } b ? a == b : string.Equals(p.OccupationName, f.OccupationName, StringComparison.Ordinal);

    public static Verdict Judge(SubsidyFacts f, IEnumerable<PriorSubsidy> history, SubsidyRules rules)
    {
        var reasons = new List<string>();
        var why = new List<string>();
        void No(string code, string text) { reasons.Add(code); why.Add(text); }
        var prior = history.ToList();

        var thisYear = prior.Where(p => p.On.Year == f.OnDate.Year).OrderBy(p => p.On).ToList();
        if (thisYear.Count >= rules.MaxPerYear)
            No(SubsidyReason.OverYearlyLimit,
                $"{f.OnDate.Year} 年已享受 {thisYear.Count} 次培训补贴（每人每年至多 {rules.MaxPerYear} 次）：{string.Join("；", thisYear.Select(Describe))}");

        var sameOcc = prior.Where(p => SameOccupation(p, f)).ToList();
        if (sameOcc.FirstOrDefault(p => Rank(p.Level) == Rank(f.Level)) is { } same)
            No(SubsidyReason.SameLevel, $"{f.OccupationName}{LevelText(f.Level)}已于 {Describe(same)} 享受补贴，同一职业同一等级终身只补贴一次");
        if (sameOcc.Where(p => Rank(p.Level) < Rank(f.Level)).OrderBy(p => Rank(p.Level)).FirstOrDefault() is { } higher)
            No(SubsidyReason.HigherLevel, $"已按更高等级 {Domain.Zh.Of(higher.Level)} 享受过 {f.OccupationName} 补贴：{Describe(higher)}，不再补贴较低等级");

        if (f.AttendancePercent is { } rate && rate < rules.MinAttendancePercent)
            No(SubsidyReason.Attendance, f.AttendanceRecorded ? $"出勤率 {rate:0.#}%，低于最低要求 {rules.MinAttendancePercent}%"
                : $"本班没有任何考勤记录，出勤率按 0 计，低于最低要求 {rules.MinAttendancePercent}%");

        if (f.CertificateIssuedOn is not { } issued)
        {
            if (f.Completed == true) No(SubsidyReason.CertificateMissing, $"未登记{Domain.Zh.Of(f.Kind)}（{f.OccupationName}），无证书不能申领补贴");
        }
        else if (issued.AddMonths(rules.ClaimWindowMonths) < f.OnDate)
            No(SubsidyReason.WindowExpired,
                $"证书{(f.CertificateNumber is { } cn ? " " + cn : "")}发证日期 {issued:yyyy-MM-dd}，申领期限 {rules.ClaimWindowMonths} 个月已于 {issued.AddMonths(rules.ClaimWindowMonths):yyyy-MM-dd} 届满");

        var age = Person.Age(f.BirthDate, f.AgeOn);
        if (age < rules.WorkingAgeMin || age > rules.WorkingAgeMax)
            No(SubsidyReason.Age, $"{f.AgeOn:yyyy-MM-dd} 时年龄 {age} 岁，不在补贴劳动年龄 {rules.WorkingAgeMin}–{rules.WorkingAgeMax} 岁之内");

        if (f.Completed == false) No(SubsidyReason.NotCompleted, "未完成培训或结业考核未通过");

        if (f.InstitutionListed == false && rules.CatalogueOnly)
            No(SubsidyReason.InstitutionNotListed, $"培训机构{(f.InstitutionName is { } n ? "“" + n + "”" : "")}不在补贴培训机构目录内");

        var ok = reasons.Count == 0;
        return new Verdict(ok, ok ? rules.TrainingFen(f.Kind, f.Level) : 0, ok ? rules.AssessmentFen(f.Kind, f.Level) : 0, reasons, why);
    }

    static string LevelText(SkillLevel l) => l == SkillLevel.None ? "" : " " + Domain.Zh.Of(l) + " ";
}
