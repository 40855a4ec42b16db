namespace CountySkills.Web.Domain;

/// <summary>
/// The subsidy rules in force from <see cref="EffectiveFromUtc"/> (豫人社规〔2022〕2号 defaults, DOMAIN.md). A change is a new
/// row, never an edit: a claim keeps the rules it was submitted under, and the rows are the dated, audited history.
/// </summary>
public sealed class SubsidyRules : IAudited
{
    public long Id { get; set; }
    public DateTime EffectiveFromUtc { get; set; }
    public string ChangedBy { get; set; } = "system";
    public string? Reason { get; set; }
    /// <summary>The version this one replaced (unique: two changes made from the same version cannot both be saved).</summary>
    public long? BasedOnId { get; set; }

    // Training subsidy per person, by certificate (fen).
    public long JuniorFen { get; set; } = 120_000;
    public long IntermediateFen { get; set; } = 160_000;
    public long AdvancedFen { get; set; } = 200_000;
    public long TechnicianFen { get; set; } = 400_000;
    public long SeniorTechnicianFen { get; set; } = 500_000;
    public long SpecialAbilityFen { get; set; } = 100_000;
    public long CompletionFen { get; set; } = 70_000;

    // Assessment subsidy to the assessing body (fen).
    public long AssessJuniorFen { get; set; } = 20_000;
    public long AssessIntermediateFen { get; set; } = 24_000;
    public long AssessAdvancedFen { get; set; } = 28_000;
    public long AssessTechnicianFen { get; set; } = 35_000;
    public long AssessSeniorTechnicianFen { get; set; } = 38_000;
    public long AssessSpecialAbilityFen { get; set; } = 10_000;

    public int MaxPerYear { get; set; } = 3;
    public int ClaimWindowMonths { get; set; } = 12;
    public int MinAttendancePercent { get; set; } = 80;
    public int WorkingAgeMin { get; set; } = 16;
    public int WorkingAgeMax { get; set; } = 59;
    /// <summary>Only institutions on the published catalogue may be subsidised.</summary>
    public bool CatalogueOnly { get; set; } = true;
    /// <summary>Length of the public notice (公示) in working days.</summary>
    public int NoticeWorkingDays { get; set; } = 5;
    /// <summary>Public holidays (yyyy-MM-dd, comma separated), as the rules carried them before the working-day calendar became a
    /// setting of its own: read only for a year the settings calendar does not have (see CurrentSettings), edited there.</summary>
    public string Holidays { get; set; } = "";
    /// <summary>Weekend days worked in lieu (调休上班), comma separated; like <see cref="Holidays"/>, superseded by the settings calendar.</summary>
    public string ExtraWorkdays { get; set; } = "";
    /// <summary>Trainees of one claim sharing a phone number from this many on are flagged.</summary>
    public int SharedPhoneThreshold { get; set; } = 3;

    /// <summary>The training subsidy for a certificate, whoever it is paid to.</summary>
    public long TrainingFen(CertificateKind kind, SkillLevel level) => kind switch
    {
        CertificateKind.TrainingCompletion => CompletionFen,
        CertificateKind.SpecialAbility => SpecialAbilityFen,
        _ => level switch
        {
            SkillLevel.Junior => JuniorFen, SkillLevel.Intermediate => IntermediateFen, SkillLevel.Advanced => AdvancedFen,
            SkillLevel.Technician => TechnicianFen, SkillLevel.SeniorTechnician => SeniorTechnicianFen, _ => 0,
        },
    };

    /// <summary>The assessment subsidy to the body that assessed it (none for a completion certificate).</summary>
    public long AssessmentFen(CertificateKind kind, SkillLevel level) => kind switch
    {
        CertificateKind.TrainingCompletion => 0,
        CertificateKind.SpecialAbility => AssessSpecialAbilityFen,
        _ => level switch
        {
            SkillLevel.Junior => AssessJuniorFen, SkillLevel.Intermediate => AssessIntermediateFen, SkillLevel.Advanced => AssessAdvancedFen,
            SkillLevel.Technician => AssessTechnicianFen, SkillLevel.SeniorTechnician => AssessSeniorTechnicianFen, _ => 0,
        },
    };

    /// <summary>A copy to edit into the next version.</summary>
    public SubsidyRules Next(DateTime nowUtc, string by, string? reason)
    {
        var n = (SubsidyRules)MemberwiseClone();
        n.Id = 0;
        n.EffectiveFromUtc = nowUtc;
        n.ChangedBy = by;
        n.Reason = reason;
        n.BasedOnId = Id == 0 ? null : Id;
        return n;
    }

    /// <summary>Checks a version before it is saved; null when it is sound.</summary>
    public Refusal? Check()
    {
        long[] fen = [JuniorFen, IntermediateFen, AdvancedFen, TechnicianFen, SeniorTechnicianFen, SpecialAbilityFen, CompletionFen,
            AssessJuniorFen, AssessIntermediateFen, AssessAdvancedFen, AssessTechnicianFen, AssessSeniorTechnicianFen, AssessSpecialAbilityFen];
        if (fen.Any(f => f is < 0 or > 10_000_000)) return new("rules.amount", "补贴标准应在 0 至 100,000 元之间");
        if (MaxPerYear is < 1 or > 12) return new("rules.max_per_year", "每人每年补贴次数应在 1 至 12 次之间");
        if (ClaimWindowMonths is < 1 or > 60) return new("rules.claim_window", "申领期限应在 1 至 60 个月之间");
        if (MinAttendancePercent is < 0 or > 100) return new("rules.attendance", "最低出勤率应在 0 至 100 之间");
        if (WorkingAgeMin is < 14 or > 30 || WorkingAgeMax is < 40 or > 70 || WorkingAgeMin >= WorkingAgeMax)
            return new("rules.working_age", "劳动年龄下限应在 14–30 岁，上限应在 40–70 岁");
        if (NoticeWorkingDays is < 1 or > 30) return new("rules.notice_days", "公示期应在 1 至 30 个工作日之间");
        if (SharedPhoneThreshold is < 2 or > 50) return new("rules.shared_phone", "共用手机号预警人数应在 2 至 50 之间");
        foreach (var (text, what) in new[] { (Holidays, "节假日"), (ExtraWorkdays, "调休上班日") })
            foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                if (!DateOnly.TryParseExact(part, "yyyy-MM-dd", out _)) return new("rules.dates", $"{what}“{part}”不是日期（格式 2026-10-01，以逗号分隔）");
        return null;
    }
}
