namespace CountySkills.Web.Domain;

public enum IncubatorKind { [Zh("创业孵化园")] Park = 1, [Zh("创业孵化基地")] Base = 2, [Zh("返乡创业园")] ReturneePark = 3 }

/// <summary>An entrepreneurship incubator (创业孵化园/基地) with what it offers.</summary>
public sealed class Incubator : Entity, IAreaScoped
{
    public required string Name { get; set; }
    public IncubatorKind Kind { get; set; }
    public required string AreaCode { get; set; }
    public string? Address { get; set; }
    public int Capacity { get; set; }
    /// <summary>Services it offers (rent reduction, utilities, training, finance, e-commerce support …).</summary>
    public string? Services { get; set; }
}

public enum BusinessKind
{
    [Zh("电商企业", "电商")] Ecommerce = 1,
    [Zh("艾灸馆", "艾灸店")] MoxibustionShop = 2,
    [Zh("家政公司")] HousekeepingCompany = 3,
    [Zh("足疗店")] FootCareShop = 4,
    [Zh("种养殖", "农业")] Farming = 5,
    [Zh("加工制造")] Manufacturing = 6,
    [Zh("餐饮")] Catering = 7,
    [Zh("其他")] Other = 9,
}

/// <summary>A business founded by a person of the ledger, incubated or not, perhaps under a labour brand.</summary>
public sealed class Business : Entity, IAreaScoped
{
    public required string Name { get; set; }
    public BusinessKind Kind { get; set; }
    public long FounderId { get; set; }
    public Person? Founder { get; set; }
    /// <summary>The founder's village when registered (township scope).</summary>
    public required string AreaCode { get; set; }
    public long? IncubatorId { get; set; }
    public Incubator? Incubator { get; set; }
    public long? BrandId { get; set; }
    public Brand? Brand { get; set; }
    public string? RegistrationCode { get; set; }
    public DateOnly StartDate { get; set; }
    public int JobsCreated { get; set; }
    public List<BusinessSupport> Support { get; } = [];
}

public enum SupportKind { [Zh("房租减免")] RentReduction = 1, [Zh("水电补贴")] UtilitySubsidy = 2, [Zh("创业担保贷款")] StartupLoan = 3, [Zh("一次性创业补贴")] StartupSubsidy = 4, [Zh("其他扶持")] Other = 9 }

/// <summary>Support a business received: kind, amount (fen) and dates.</summary>
public sealed class BusinessSupport : IAudited
{
    public long Id { get; set; }
    public long BusinessId { get; set; }
    public SupportKind Kind { get; set; }
    public long AmountFen { get; set; }
    public DateOnly From { get; set; }
    public DateOnly? To { get; set; }
    public string? Note { get; set; }
}
