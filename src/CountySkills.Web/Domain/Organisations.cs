namespace CountySkills.Web.Domain;

/// <summary>A training institution (培训机构).</summary>
public sealed class Institution : Entity, IAreaScoped
{
    public required string Name { get; set; }
    public required string CreditCode { get; set; }
    public InstitutionKind Kind { get; set; }
    public required string AreaCode { get; set; }
    public string? Address { get; set; }
    /// <summary>Majors or occupations it trains for, as it lists them.</summary>
    public string? Majors { get; set; }
    /// <summary>Trainees it can take at once.</summary>
    public int? Capacity { get; set; }
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
    /// <summary>On the published catalogue of institutions whose training may be subsidised.</summary>
    public bool OnCatalogue { get; set; }
}

public enum InstitutionKind
{
    [Zh("公共实训基地", "公共培训基地", "就业培训中心")] PublicTrainingBase = 1,
    [Zh("高级技工学校", "技工学校", "技工院校")] SeniorTechnicalSchool = 2,
    [Zh("农业广播电视学校", "农广校")] AgriculturalBroadcastingSchool = 3,
    [Zh("职业教育中心", "职教中心")] VocationalEducationCentre = 4,
    [Zh("民办培训学校", "民办职业培训学校")] PrivateSchool = 5,
    [Zh("企业培训中心", "企业培训机构")] EnterpriseTrainingCentre = 6,
}

/// <summary>A partner employer (合作用工单位).</summary>
public sealed class Employer : Entity
{
    public required string Name { get; set; }
    public required string CreditCode { get; set; }
    public EmployerKind Kind { get; set; }
    public string? Province { get; set; }
    public string? City { get; set; }
}

public enum EmployerKind { HousekeepingAgency = 1, FootCareChain = 2, Factory = 3, Construction = 4, Ecommerce = 5, Other = 9 }
