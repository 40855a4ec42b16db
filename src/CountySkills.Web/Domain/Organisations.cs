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
    [PersonalData(PersonalKind.Phone)] public string? ContactPhone { get; set; }
    /// <summary>On the published catalogue of institutions whose training may be subsidised.</summary>
    public bool OnCatalogue { get; set; }
    /// <summary>The county department the institution answers to (人社, 农业农村, 教育…): training targets split by department count its classes.</summary>
    public long? DepartmentId { get; set; }
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

/// <summary>A partner employer (合作用工单位): a housekeeping agency, a foot-care chain, a factory… EmployerStaff see only their own.</summary>
public sealed class Employer : Entity
{
    public required string Name { get; set; }
    public required string CreditCode { get; set; }
    public EmployerKind Kind { get; set; }
    public string? Industry { get; set; }
    public string? Province { get; set; }
    public string? City { get; set; }
    public string? Address { get; set; }
    public string? ContactName { get; set; }
    [PersonalData(PersonalKind.Phone)] public string? ContactPhone { get; set; }
    /// <summary>Agency grade (GB/T 31772, A … AAAAA) where one is given.</summary>
    public AgencyGrade? AgencyGrade { get; set; }
}

public enum EmployerKind
{
    [Zh("家政服务机构", "家政公司", "家政")] HousekeepingAgency = 1,
    [Zh("足疗连锁企业", "足疗连锁", "足疗")] FootCareChain = 2,
    [Zh("工厂", "制造企业", "工业企业")] Factory = 3,
    [Zh("建筑企业", "建筑")] Construction = 4,
    [Zh("电商企业", "电子商务", "电商")] Ecommerce = 5,
    [Zh("艾灸养生机构", "艾灸馆", "艾灸")] Moxibustion = 6,
    [Zh("其他")] Other = 9,
}

public enum AgencyGrade { [Zh("A级", "A")] A = 1, [Zh("AA级", "AA")] AA = 2, [Zh("AAA级", "AAA")] AAA = 3, [Zh("AAAA级", "AAAA")] AAAA = 4, [Zh("AAAAA级", "AAAAA")] AAAAA = 5 }
