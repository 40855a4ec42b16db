using System.Text.RegularExpressions;

namespace CountySkills.Web.Domain;

public enum CertificateSource { [Zh("手工登记")] Manual = 1, [Zh("培训班结业")] Class = 2, [Zh("批量导入")] Import = 3 }

/// <summary>A certificate a person holds (职业技能等级证书, 职业资格证书, 专项职业能力证书, 培训合格证).</summary>
public sealed partial class Certificate : Entity
{
    public long PersonId { get; set; }
    public Person? Person { get; set; }
    public CertificateKind Kind { get; set; }
    public long? OccupationId { get; set; }
    public Occupation? Occupation { get; set; }
    /// <summary>The occupation or ability as the certificate prints it.</summary>
    public required string OccupationName { get; set; }
    public SkillLevel Level { get; set; }
    public required string Number { get; set; }
    public required string Issuer { get; set; }
    public DateOnly IssuedOn { get; set; }
    public long? ClassId { get; set; }
    public long? EnrolmentId { get; set; }
    /// <summary>The institution that trained for it, when known: its staff see the certificate.</summary>
    public long? InstitutionId { get; set; }
    public CertificateSource Source { get; set; }
    public long? ImportBatchId { get; set; }
    public DateTime CreatedUtc { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime? RevokedUtc { get; set; }
    public string? RevokeReason { get; set; }

    public bool IsRevoked => RevokedUtc is not null;

    /// <summary>Revokes a certificate registered in error: the record stays, with when and why; a revoked one is not revoked again.</summary>
    public Refusal? Revoke(string reason, DateTime nowUtc)
    {
        if (IsRevoked) return new("certificate.revoked", "该证书已撤销");
        (RevokedUtc, RevokeReason) = (nowUtc, reason.Trim());
        return null;
    }

    /// <summary>Y/S + 4-digit institution + 2-digit province + 6-digit site + 2-digit year + level 1-5 + 6-digit serial.</summary>
    [GeneratedRegex(@"^[YS]\d{4}\d{2}\d{6}\d{2}[1-5]\d{6}$")]
    private static partial Regex SkillLevelNumber();

    /// <summary>Full-width letters and digits folded (NFKC), every kind of space and invisible format character removed, dashes unified, upper case.</summary>
    public static string NormaliseNumber(string? number)
    {
        var folded = (number ?? "").Normalize(System.Text.NormalizationForm.FormKC);
        var sb = new System.Text.StringBuilder(folded.Length);
        foreach (var ch in folded)
        {
            var cat = char.GetUnicodeCategory(ch);
            if (char.IsWhiteSpace(ch) || cat is System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.Control) continue;
            sb.Append(cat == System.Globalization.UnicodeCategory.DashPunctuation ? '-' : char.ToUpperInvariant(ch));
        }
        return sb.ToString();
    }

    /// <summary>Checks a certificate's number, kind, level and date together; null when they agree.</summary>
    public static Refusal? Check(CertificateKind kind, SkillLevel level, string number, DateOnly issuedOn, DateOnly today, Occupation? occupation)
    {
        if (number.Length is 0 or > 40) return new Refusal("certificate.number", "证书编号为空或超过 40 个字符");
        if (issuedOn > today) return new Refusal("certificate.issued_on", $"发证日期 {issuedOn:yyyy-MM-dd} 晚于今天");
        if (issuedOn.Year < 1980) return new Refusal("certificate.issued_on", $"发证日期 {issuedOn:yyyy-MM-dd} 不合理");
        if (kind is CertificateKind.SkillLevel or CertificateKind.Qualification && level == SkillLevel.None)
            return new Refusal("certificate.level", $"{Zh.Of(kind)}须注明等级（五级/初级工 至 一级/高级技师）");
        if (kind == CertificateKind.SkillLevel)
        {
            if (!SkillLevelNumber().IsMatch(number))
                return new Refusal("certificate.number_format",
                    $"职业技能等级证书编号“{number}”格式不对：应为 22 位，Y 或 S 开头，依次为 4 位机构代码、2 位省份、6 位站点序号、2 位年份、1 位等级（1–5）和 6 位流水号");
            if (number[15] - '0' != (int)level)
                return new Refusal("certificate.level_mismatch", $"证书编号中的等级位为 {number[15]}，与所填等级“{Zh.Of(level)}”不符");
        }
        if (occupation is not null && level != SkillLevel.None && occupation.Levels.Count > 0 && !occupation.Offers(level))
            return new Refusal("certificate.level", $"{occupation.Name}没有“{Zh.Of(level)}”这一等级");
        return null;
    }
}

public enum InspectionStatus { [Zh("待整改")] Open = 1, [Zh("已办结")] Closed = 2 }

/// <summary>An on-site inspection (督导检查) of a class: findings, photos, and a rectification deadline until closed.</summary>
public sealed class Inspection : Entity
{
    public long ClassId { get; set; }
    public TrainingClass? Class { get; set; }
    public DateOnly VisitedOn { get; set; }
    public string Inspector { get; set; } = "";
    public required string Findings { get; set; }
    public int? TraineesPresent { get; set; }
    public DateOnly? RectifyBy { get; set; }
    public InspectionStatus Status { get; set; } = InspectionStatus.Open;
    public string? RectificationReport { get; set; }
    public DateOnly? ClosedOn { get; set; }
    public string? ClosedBy { get; set; }
    public string? ClosingNote { get; set; }
    public DateTime CreatedUtc { get; set; }

    public bool Overdue(DateOnly today) => Status == InspectionStatus.Open && RectifyBy is { } d && d < today;

    /// <summary>The institution reports how it put things right; a closed inspection takes no more reports.</summary>
    public Refusal? ReportRectification(string? report)
    {
        if (Status == InspectionStatus.Closed) return new Refusal("inspection.closed", "该检查已办结");
        if (string.IsNullOrWhiteSpace(report) || report.Length > 4000) return new Refusal("inspection.report_required", "请填写整改情况（不超过 4000 字）");
        RectificationReport = report.Trim();
        return null;
    }

    public Refusal? Close(string note, string actor, DateOnly today)
    {
        if (Status == InspectionStatus.Closed) return new Refusal("inspection.closed", $"该检查已于 {ClosedOn:yyyy-MM-dd} 办结");
        if (string.IsNullOrWhiteSpace(note) || note.Length > 2000) return new Refusal("inspection.note_required", "办结时请写明整改核查情况（不超过 2000 字）");
        (Status, ClosedOn, ClosedBy, ClosingNote) = (InspectionStatus.Closed, today, actor, note.Trim());
        return null;
    }
}

/// <summary>A file attached to a record (inspection photos). Stored in the database so every app node sees it.</summary>
public sealed class Attachment : IAudited
{
    public long Id { get; set; }
    public long InspectionId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public required byte[] Data { get; set; }
    public DateTime UploadedUtc { get; set; }
    public string UploadedBy { get; set; } = "";
}
