namespace CountySkills.Web.Domain;

/// <summary>A training institution (培训机构).</summary>
public sealed class Institution : Entity, IAreaScoped
{
    public required string Name { get; set; }
    public required string CreditCode { get; set; }
    public InstitutionKind Kind { get; set; }
    public required string AreaCode { get; set; }
    public string? Address { get; set; }
    public bool OnCatalogue { get; set; }
}

public enum InstitutionKind
{
    PublicTrainingBase = 1, SeniorTechnicalSchool = 2, AgriculturalBroadcastingSchool = 3,
    VocationalEducationCentre = 4, PrivateSchool = 5, EnterpriseTrainingCentre = 6,
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
