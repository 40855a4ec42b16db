namespace CountySkills.Web.Features.Employment;

/// <summary>A placement as pages and the API show it, with its follow-ups; the ID number masked.</summary>
public sealed record PlacementView(
    long Id, long PersonId, string Name, string IdNumber, string AreaCode, string? TownshipName, long? EmployerId, string EmployerName, string? Province,
    string? City, DestinationBand Band, string BandName, string BandFolded, string? Position, DateOnly StartDate, long MonthlyWageFen, bool Organised,
    long? ClassId, long? BrandId, long? AgreementId, long? JobOrderId, DateOnly? EndedOn, string? EndReason, bool Active, Guid Version,
    IReadOnlyList<PlacementView.Check> FollowUps)
{
    public sealed record Check(long Id, int Months, DateOnly DueOn, FollowUpState State, string StateName, DateOnly? DoneOn, bool? StillEmployed,
        bool? SameEmployer, long? WageFen, FollowUpProblems Problems, IReadOnlyList<string> ProblemNames, string? Notes, string? RecordedBy, bool ByEmployer, Guid Version)
    {
        public static Check Of(FollowUp f, DateOnly today) => new(f.Id, f.Months, f.DueOn, f.StateOn(today), Words.Of(f.StateOn(today)), f.DoneOn, f.StillEmployed,
            f.SameEmployer, f.WageFen, f.Problems, ProblemsOf(f.Problems), f.Notes, f.RecordedBy, f.ByEmployer, f.Version);
    }

    public static IReadOnlyList<string> ProblemsOf(FollowUpProblems p) =>
        Enum.GetValues<FollowUpProblems>().Where(x => x != FollowUpProblems.None && p.HasFlag(x)).Select(x => Words.Of(x)).ToList();

    public static async Task<PlacementView?> LoadAsync(AppDbContext db, long id, DateOnly today, CancellationToken ct)
    {
        var p = await db.Placements.AsNoTracking().Include(x => x.FollowUps).Include(x => x.Person).SingleOrDefaultAsync(x => x.Id == id, ct);
        if (p is null) return null;
        var township = await db.Regions.Where(r => r.Code == p.AreaCode.Substring(0, 9)).Select(r => r.Name).FirstOrDefaultAsync(ct);
        return new PlacementView(p.Id, p.PersonId, p.Person!.Name, Domain.IdNumber.Mask(p.Person.IdNumber), p.AreaCode, township, p.EmployerId, p.EmployerName, p.Province,
            p.City, p.Band, Words.Of(p.Band), p.Band.Folded(), p.Position, p.StartDate, p.MonthlyWageFen, p.Organised, p.ClassId, p.BrandId, p.AgreementId,
            p.JobOrderId, p.EndedOn, p.EndReason, p.Active, p.Version, p.FollowUps.OrderBy(f => f.DueOn).Select(f => Check.Of(f, today)).ToList());
    }
}
