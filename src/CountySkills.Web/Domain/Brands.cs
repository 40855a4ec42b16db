using System.Text.Json;

namespace CountySkills.Web.Domain;

public enum StarLevel
{
    [Zh("未评星", "无")] None = 0,
    [Zh("一星", "1星")] One = 1,
    [Zh("二星", "2星")] Two = 2,
    [Zh("三星", "3星")] Three = 3,
    [Zh("四星", "4星")] Four = 4,
    [Zh("五星", "5星")] Five = 5,
    [Zh("金牌")] Gold = 6,
}

/// <summary>A star scheme to start from: GB/T 31771's domestic-work scheme (家政 brands only) or a general one without certificates.</summary>
public enum StarSchemeTemplate { [Zh("家政服务员星级（GB/T 31771）")] DomesticWork = 1, [Zh("通用星级")] General = 2 }

/// <summary>One step of a brand's star scheme: months of complaint-free service and the certificates it needs.</summary>
public sealed record StarStep(StarLevel Level, int Months, IReadOnlyList<StarStep.Cert> Certificates)
{
    /// <summary>An occupation (catalogue code) at this level or higher (5 = 初级 … 1 = 高级技师).</summary>
    public sealed record Cert(string OccupationCode, int Level);
}

/// <summary>A labour brand (劳务品牌, 人社部发〔2021〕66号): name, trademark, owner, category, standards, partners, bases, skill leaders and its star scheme.</summary>
public sealed class Brand : Entity
{
    public required string Name { get; set; }
    public string? TrademarkNumber { get; set; }
    public required string Owner { get; set; }
    public required string Category { get; set; }
    public required string HomeAreaCode { get; set; }
    public string? Standards { get; set; }
    public string? SkillLeaders { get; set; }
    public string? Description { get; set; }
    /// <summary>The star scheme as JSON (a list of <see cref="StarStep"/>); the domestic-work scheme of GB/T 31771 by default.</summary>
    public string StarSchemeJson { get; set; } = JsonSerializer.Serialize(DomesticWorkScheme);
    public List<BrandPartner> Partners { get; } = [];

    public IReadOnlyList<StarStep> StarScheme =>
        (JsonSerializer.Deserialize<List<StarStep>>(StarSchemeJson) ?? []).OrderBy(s => s.Level).ToList();

    /// <summary>GB/T 31771 (2024) as DOMAIN.md gives it: 二星 after 6 months complaint-free; 金牌 after 48 months with 高级家政服务员,
    /// 高级育婴员 and 中级营养配餐员. The steps between are this county's reading, to be confirmed against the standard's table.</summary>
    public static readonly IReadOnlyList<StarStep> DomesticWorkScheme =
    [
        new(StarLevel.One, 0, [new("4-10-01-06", 5)]),
        new(StarLevel.Two, 6, [new("4-10-01-06", 5)]),
        new(StarLevel.Three, 12, [new("4-10-01-06", 4)]),
        new(StarLevel.Four, 24, [new("4-10-01-06", 4), new("4-10-01-02", 5)]),
        new(StarLevel.Five, 36, [new("4-10-01-06", 3), new("4-10-01-02", 4)]),
        new(StarLevel.Gold, 48, [new("4-10-01-06", 3), new("4-10-01-02", 3), new("4-03-02-05", 4)]),
    ];

    /// <summary>A scheme with the same steps but no certificates, for brands outside domestic work unless they set their own.</summary>
    public static readonly IReadOnlyList<StarStep> GeneralScheme =
    [
        new(StarLevel.One, 0, []), new(StarLevel.Two, 6, []), new(StarLevel.Three, 12, []), new(StarLevel.Four, 24, []), new(StarLevel.Five, 36, []),
    ];

    /// <summary>Categories seen in the county's brands (人社部发〔2021〕66号 lists more); the category stays free text.</summary>
    public static readonly IReadOnlyList<string> KnownCategories = [DomesticWorkCategory, "康养/足疗", "艾灸", "建筑", "制造", "电商"];

    public const string DomesticWorkCategory = "家政";

    /// <summary>A domestic-work (家政) brand: the only kind GB/T 31771 rates.</summary>
    public static bool IsDomesticWork(string? category) => category?.Contains(DomesticWorkCategory, StringComparison.Ordinal) == true;

    public static IReadOnlyList<StarStep> Template(StarSchemeTemplate t) => t == StarSchemeTemplate.DomesticWork ? DomesticWorkScheme : GeneralScheme;

    /// <summary>The scheme a new brand gets when none is given: GB/T 31771 for a 家政 brand, the general one otherwise.</summary>
    public static IReadOnlyList<StarStep> DefaultSchemeFor(string category) => IsDomesticWork(category) ? DomesticWorkScheme : GeneralScheme;

    /// <summary>Which template a scheme is, if it is one (null for a brand's own scheme).</summary>
    public static StarSchemeTemplate? TemplateOf(IReadOnlyList<StarStep> scheme) =>
        SameSteps(scheme, DomesticWorkScheme) ? StarSchemeTemplate.DomesticWork : SameSteps(scheme, GeneralScheme) ? StarSchemeTemplate.General : null;

    static bool SameSteps(IReadOnlyList<StarStep> a, IReadOnlyList<StarStep> b) =>
        a.Count == b.Count && a.OrderBy(s => s.Level).Zip(b.OrderBy(s => s.Level)).All(p => p.First.Level == p.Second.Level && p.First.Months == p.Second.Months
            && p.First.Certificates.Count == p.Second.Certificates.Count && p.First.Certificates.Zip(p.Second.Certificates).All(c => c.First == c.Second));

    /// <summary>Sets the star scheme; the domestic-work scheme (GB/T 31771) is refused for a brand whose category is not 家政.</summary>
    public Refusal? SetScheme(IReadOnlyList<StarStep> scheme)
    {
        if (!IsDomesticWork(Category) && TemplateOf(scheme) == StarSchemeTemplate.DomesticWork)
            return new("brand.domestic_scheme_not_domestic", $"家政服务员星级标准（GB/T 31771）只适用于家政类品牌，“{Category}”类品牌请选用通用星级标准或自定标准");
        StarSchemeJson = JsonSerializer.Serialize(scheme.OrderBy(s => s.Level).ToList());
        return null;
    }

    /// <summary>The highest step whose months and certificates the member meets.</summary>
    public StarLevel Propose(int complaintFreeMonths, IReadOnlyCollection<(string OccupationCode, SkillLevel Level)> held) =>
        StarScheme.Where(s => complaintFreeMonths >= s.Months && s.Certificates.All(c =>
                held.Any(h => h.OccupationCode == c.OccupationCode && h.Level != SkillLevel.None && (int)h.Level <= c.Level)))
            .Select(s => s.Level).DefaultIfEmpty(StarLevel.None).Max();
}

public enum BrandPartnerRole { [Zh("龙头企业")] LeadingEnterprise = 1, [Zh("合作机构", "合作中介")] PartnerAgency = 2 }

public sealed class BrandPartner : IAudited
{
    public long Id { get; set; }
    public long BrandId { get; set; }
    public long EmployerId { get; set; }
    public Employer? Employer { get; set; }
    public BrandPartnerRole Role { get; set; }
}

public sealed class BrandBase : IAudited
{
    public long Id { get; set; }
    public long BrandId { get; set; }
    public long LabourBaseId { get; set; }
}

/// <summary>A person in a brand with a star level and a service card code a customer can check.</summary>
public sealed class BrandMember : Entity
{
    public long BrandId { get; set; }
    public Brand? Brand { get; set; }
    public long PersonId { get; set; }
    public Person? Person { get; set; }
    /// <summary>The service card's code (random, not guessable), printed as a QR code linking to /brands/workers/{code}.</summary>
    public required string Code { get; set; }
    public DateOnly JoinedOn { get; set; }
    public long? FromClassId { get; set; }
    public StarLevel Stars { get; set; }
    public DateTime? RevokedUtc { get; set; }
    public string? RevokeReason { get; set; }
    public List<StarChange> StarHistory { get; } = [];

    public static string NewCode() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6));

    /// <summary>An officer sets the level: the proposal confirmed, or another level with a reason.</summary>
    public Refusal? SetStars(StarLevel to, StarLevel proposed, string? reason, string by, DateTime now)
    {
        if (RevokedUtc is not null) return new("member.revoked", "该成员已退出品牌，不能评定星级");
        if (to != proposed && string.IsNullOrWhiteSpace(reason)) return new("stars.reason_required", $"系统建议为“{Zh.Of(proposed)}”，评定为“{Zh.Of(to)}”须说明理由");
        StarHistory.Add(new StarChange { MemberId = Id, From = Stars, To = to, Proposed = proposed, Reason = reason?.Trim(), By = by, AtUtc = now });
        Stars = to;
        Touch();
        return null;
    }
}

public sealed class StarChange : IAudited
{
    public long Id { get; set; }
    public long MemberId { get; set; }
    public StarLevel From { get; set; }
    public StarLevel To { get; set; }
    public StarLevel Proposed { get; set; }
    public string? Reason { get; set; }
    public string By { get; set; } = "";
    public DateTime AtUtc { get; set; }
}

public enum FeedbackKind { [Zh("表扬")] Commendation = 1, [Zh("投诉")] Complaint = 2 }

/// <summary>A commendation or complaint from a customer or employer. A complaint found valid restarts the complaint-free service count.</summary>
public sealed class MemberFeedback : IAudited
{
    public long Id { get; set; }
    public long MemberId { get; set; }
    public FeedbackKind Kind { get; set; }
    [PersonalData(PersonalKind.FreeText)] public required string Source { get; set; }
    public required string Text { get; set; }
    public DateOnly OnDate { get; set; }
    /// <summary>For a complaint: whether it was found valid (only valid complaints count).</summary>
    public bool Valid { get; set; } = true;
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedUtc { get; set; }
}
