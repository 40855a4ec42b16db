using FluentValidation;

namespace CountySkills.Web.Features.Training;

/// <summary>The plan of a class as the institution fills it in (create and edit share it).</summary>
public sealed record ClassInput
{
    public string Name { get; set; } = "";
    /// <summary>Institution staff may leave it out: their own institution is used.</summary>
    public long? InstitutionId { get; set; }
    public long? OccupationId { get; set; }
    /// <summary>Alternative to OccupationId: the occupation's code, e.g. 4-10-01-06.</summary>
    public string? OccupationCode { get; set; }
    public SkillLevel Level { get; set; } = SkillLevel.Junior;
    public ClassKind Kind { get; set; } = ClassKind.EmploymentSkills;
    public bool Subsidised { get; set; } = true;
    public PersonTags TargetGroups { get; set; }
    public long? EmployerId { get; set; }
    public long? BrandId { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }
    public int Hours { get; set; }
    public string? Place { get; set; }
    public int Capacity { get; set; }
    public string? Teachers { get; set; }
    public string? TeachingPlan { get; set; }
    public string? AssessmentPlan { get; set; }
    public Guid? Version { get; set; }

    public static ClassInput From(TrainingClass c) => new()
    {
        Name = c.Name, InstitutionId = c.InstitutionId, OccupationId = c.OccupationId, Level = c.Level, Kind = c.Kind, Subsidised = c.Subsidised,
        TargetGroups = c.TargetGroups, EmployerId = c.EmployerId, BrandId = c.BrandId, StartDate = c.StartDate, EndDate = c.EndDate,
        Hours = c.Hours, Place = c.Place, Capacity = c.Capacity, Teachers = c.Teachers, TeachingPlan = c.TeachingPlan,
        AssessmentPlan = c.AssessmentPlan, Version = c.Version,
    };

    public void ApplyTo(TrainingClass c, long institutionId, long occupationId)
    {
        (c.Name, c.InstitutionId, c.OccupationId, c.Level, c.Kind, c.Subsidised, c.TargetGroups) =
            (Name.Trim(), institutionId, occupationId, Level, Kind, Subsidised, TargetGroups);
        (c.EmployerId, c.BrandId, c.StartDate, c.EndDate, c.Hours, c.Capacity) = (EmployerId, BrandId, StartDate, EndDate, Hours, Capacity);
        (c.Place, c.Teachers, c.TeachingPlan, c.AssessmentPlan) = (Blank(Place), Blank(Teachers), Blank(TeachingPlan), Blank(AssessmentPlan));
    }

    static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public sealed class Validator : AbstractValidator<ClassInput>
    {
        public Validator()
        {
            RuleFor(x => x.Name).NotEmpty().WithMessage("请填写培训班名称").MaximumLength(100).WithMessage("培训班名称不超过 100 个字");
            RuleFor(x => x.OccupationId).NotNull().When(x => string.IsNullOrWhiteSpace(x.OccupationCode)).WithMessage("请选择培训职业（工种）");
            RuleFor(x => x.Level).IsInEnum().WithMessage("培训等级无效");
            RuleFor(x => x.Kind).IsInEnum().WithMessage("培训类型无效");
            RuleFor(x => x.StartDate).NotEqual(default(DateOnly)).WithMessage("请填写开班日期")
                .Must(d => d.Year is >= 2000 and <= 2100).WithMessage("开班日期应在 2000 年到 2100 年之间");
            RuleFor(x => x.EndDate).NotEqual(default(DateOnly)).WithMessage("请填写结业日期")
                .Must(d => d.Year is >= 2000 and <= 2100).WithMessage("结业日期应在 2000 年到 2100 年之间")
                .GreaterThanOrEqualTo(x => x.StartDate).WithMessage("结业日期不能早于开班日期")
                .Must((x, end) => x.StartDate.Year > 2100 || end <= x.StartDate.AddYears(1)).WithMessage("一期培训不超过一年");
            RuleFor(x => x.Hours).InclusiveBetween(1, 2000).WithMessage("培训课时应在 1 到 2000 之间");
            RuleFor(x => x.Capacity).InclusiveBetween(1, 500).WithMessage("计划招收人数应在 1 到 500 之间");
            RuleFor(x => x.EmployerId).NotNull().When(x => x.Kind is ClassKind.Order or ClassKind.Directed or ClassKind.PreJob or ClassKind.Apprenticeship)
                .WithMessage("订单式、定向、岗前和学徒制培训须关联用工企业");
            RuleFor(x => x.Place).MaximumLength(200).WithMessage("培训地点不超过 200 个字");
            RuleFor(x => x.Teachers).MaximumLength(500).WithMessage("授课教师不超过 500 个字");
            RuleFor(x => x.TeachingPlan).MaximumLength(4000).WithMessage("教学计划不超过 4000 个字");
            RuleFor(x => x.AssessmentPlan).MaximumLength(2000).WithMessage("考核方案不超过 2000 个字");
        }
    }
}
