namespace CountySkills.Web.Features.Training;

/// <summary>A class as pages and the API show it, with its lifecycle so far and what the caller may do next.</summary>
public sealed record ClassView(
    long Id, string Name, long InstitutionId, string InstitutionName, long OccupationId, string OccupationCode, string OccupationName,
    SkillLevel Level, string LevelName, ClassKind Kind, string KindName, bool Subsidised, PersonTags TargetGroups,
    long? EmployerId, string? EmployerName, long? BrandId, DateOnly StartDate, DateOnly EndDate, int Hours, string? Place,
    int Capacity, int Enrolled, string? Teachers, string? TeachingPlan, string? AssessmentPlan,
    ClassStatus Status, string StatusName, string? ReturnReason, bool Editable, Guid Version,
    IReadOnlyList<ClassView.Step> Transitions, IReadOnlyList<ClassAction> Actions)
{
    public sealed record Step(ClassAction Action, string ActionName, ClassStatus From, ClassStatus To, DateTime AtUtc, string UserName, string? Reason);

    public static async Task<ClassView> LoadAsync(AppDbContext db, long id, CurrentUser user, CancellationToken ct)
    {
        var c = await db.Classes.AsNoTracking().Include(x => x.Occupation).Include(x => x.Institution).Include(x => x.Employer)
            .Include(x => x.Transitions).SingleAsync(x => x.Id == id, ct);
        var enrolled = await db.Enrolments.CountAsync(e => e.ClassId == id && e.Status == EnrolmentStatus.Active, ct);
        var actions = TrainingAccess.Writers.Any(user.IsInRole) ? c.ActionsFor(user.IsCounty()).ToList() : [];
        return new ClassView(c.Id, c.Name, c.InstitutionId, c.Institution!.Name, c.OccupationId, c.Occupation!.Code, c.Occupation.Name,
            c.Level, Words.Of(c.Level), c.Kind, Words.Of(c.Kind), c.Subsidised, c.TargetGroups, c.EmployerId, c.Employer?.Name, c.BrandId,
            c.StartDate, c.EndDate, c.Hours, c.Place, c.Capacity, enrolled, c.Teachers, c.TeachingPlan, c.AssessmentPlan,
            c.Status, Words.Of(c.Status), c.ReturnReason, c.Editable, c.Version,
            c.Transitions.OrderBy(t => t.Id).Select(t => new Step(t.Action, Words.Of(t.Action), t.From, t.To, t.AtUtc, t.UserName, t.Reason)).ToList(),
            actions);
    }
}
