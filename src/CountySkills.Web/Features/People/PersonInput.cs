using FluentValidation;

namespace CountySkills.Web.Features.People;

/// <summary>What a clerk fills in for a person (create and edit share it; name, sex and birth date come from the ID).</summary>
public sealed record PersonInput
{
    public string IdNumber { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Phone { get; set; }
    public Education Education { get; set; }
    public string? HouseholdNumber { get; set; }
    public string VillageCode { get; set; } = "";
    public PersonTags Tags { get; set; }
    public MonitoredCategory? MonitoredCategory { get; set; }
    public bool? MonitoredRiskEliminated { get; set; }
    public EmploymentStatus EmploymentStatus { get; set; } = EmploymentStatus.Unemployed;
    public DestinationBand? Destination { get; set; }
    public string? WorkProvince { get; set; }
    public string? WorkCity { get; set; }
    public string? Employer { get; set; }
    public string? Industry { get; set; }
    public string? Occupation { get; set; }
    public DateOnly? WorkingSince { get; set; }
    public long? MonthlyIncomeFen { get; set; }
    public string? TrainingWish { get; set; }
    public string? JobWish { get; set; }
    public string? Notes { get; set; }
    /// <summary>On edit: the version the editor loaded; a stale one is refused with 409.</summary>
    public Guid? Version { get; set; }

    public static PersonInput From(Person p) => new()
    {
        IdNumber = p.IdNumber, Name = p.Name, Phone = p.Phone, Education = p.Education, HouseholdNumber = p.HouseholdNumber,
        VillageCode = p.AreaCode, Tags = p.Tags, MonitoredCategory = p.MonitoredCategory, MonitoredRiskEliminated = p.MonitoredRiskEliminated,
        EmploymentStatus = p.EmploymentStatus, Destination = p.Destination, WorkProvince = p.WorkProvince, WorkCity = p.WorkCity,
        Employer = p.Employer, Industry = p.Industry, Occupation = p.Occupation, WorkingSince = p.WorkingSince,
        MonthlyIncomeFen = p.MonthlyIncomeFen, TrainingWish = p.TrainingWish, JobWish = p.JobWish, Notes = p.Notes,
    };

    /// <summary>Copies the input onto the entity (the ID number is set only on creation). Returns whether anything changed.</summary>
    public bool ApplyTo(Person p)
    {
        var before = From(p);
        p.Name = Name.Trim();
        p.Phone = Blank(Phone);
        p.Education = Education;
        p.HouseholdNumber = Blank(HouseholdNumber);
        p.AreaCode = VillageCode;
        p.TownshipCode = VillageCode[..9];
        p.Tags = Tags;
        p.MonitoredCategory = Tags.HasFlag(PersonTags.Monitored) ? MonitoredCategory : null;
        p.MonitoredRiskEliminated = Tags.HasFlag(PersonTags.Monitored) ? MonitoredRiskEliminated : null;
        p.EmploymentStatus = EmploymentStatus;
        p.Destination = Destination ?? DefaultDestination(EmploymentStatus);
        p.WorkProvince = Blank(WorkProvince);
        p.WorkCity = Blank(WorkCity);
        p.Employer = Blank(Employer);
        p.Industry = Blank(Industry);
        p.Occupation = Blank(Occupation);
        p.WorkingSince = WorkingSince;
        p.MonthlyIncomeFen = MonthlyIncomeFen;
        p.TrainingWish = Blank(TrainingWish);
        p.JobWish = Blank(JobWish);
        p.Notes = Blank(Notes);
        return before with { IdNumber = p.IdNumber, Version = null } != From(p) with { Version = null };
    }

    static DestinationBand? DefaultDestination(EmploymentStatus s) => s switch
    {
        EmploymentStatus.InCounty => DestinationBand.InCounty,
        EmploymentStatus.OutOfProvince => DestinationBand.OutOfProvince,
        _ => null,
    };

    static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>The one validator for a person, used by the form, the API and the import.</summary>
    public sealed class Validator : AbstractValidator<PersonInput>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(x => x.IdNumber).ValidIdNumber(clock);
            RuleFor(x => x.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("请填写姓名").WithErrorCode("name.required")
                .MaximumLength(50).WithMessage("姓名不能超过 50 个字");
            RuleFor(x => x.Phone).Must(p => string.IsNullOrWhiteSpace(p) || Domain.Phone.IsValid(p.Trim()))
                .WithMessage("手机号应为 1 开头的 11 位数字").WithErrorCode("phone.format");
            RuleFor(x => x.VillageCode).Matches(@"^\d{12}$").WithMessage("请选择所在村（社区）").WithErrorCode("village.unknown");
            RuleFor(x => x.Education).IsInEnum().WithMessage("文化程度无效");
            RuleFor(x => x.EmploymentStatus).IsInEnum().WithMessage("就业状态无效");
            RuleFor(x => x.Destination).IsInEnum().When(x => x.Destination is not null).WithMessage("就业地域无效");
            RuleFor(x => x.MonitoredCategory).IsInEnum().When(x => x.MonitoredCategory is not null).WithMessage("监测对象类别无效");
            RuleFor(x => x.MonitoredCategory).NotNull().When(x => x.Tags.HasFlag(PersonTags.Monitored))
                .WithMessage("监测对象须填写监测类别（脱贫不稳定户 / 边缘易致贫户 / 突发严重困难户）");
            RuleFor(x => x.Tags).Must(t => (t & ~AllTags) == 0).WithMessage("人员类别无效");
            RuleFor(x => x.MonthlyIncomeFen).InclusiveBetween(0, 100_000_000).When(x => x.MonthlyIncomeFen is not null)
                .WithMessage("月收入应在 0 到 100 万元之间");
            RuleFor(x => x.WorkingSince).Must(d => d is null || d <= clock.Today()).WithMessage("务工起始日期不能晚于今天");
            RuleFor(x => x.HouseholdNumber).MaximumLength(30);
            RuleFor(x => x.Employer).MaximumLength(100);
            RuleFor(x => x.Notes).MaximumLength(2000).WithMessage("备注不能超过 2000 字");
            foreach (var f in new System.Linq.Expressions.Expression<Func<PersonInput, string?>>[] { x => x.WorkProvince, x => x.WorkCity, x => x.Industry, x => x.Occupation, x => x.TrainingWish, x => x.JobWish })
                RuleFor(f).MaximumLength(50).WithMessage("不能超过 50 个字");
        }

        static readonly PersonTags AllTags = Enum.GetValues<PersonTags>().Aggregate(PersonTags.None, (a, b) => a | b);
    }
}
