namespace CountySkills.Web.Features.People;

/// <summary>One person as the API and the profile page show them: everything, ID number and phone masked, the birth
/// date as its year and the age (the full date comes with the ID, by the audited reveal).</summary>
public sealed record PersonDetail(
    long Id, string IdNumber, string Name, Sex Sex, int BirthYear, int Age, string? Phone, Education Education,
    string? HouseholdNumber, string AreaCode, string VillageCode, string TownshipCode, string? TownshipName, string? VillageName,
    PersonTags Tags, MonitoredCategory? MonitoredCategory, bool? MonitoredRiskEliminated, EmploymentStatus EmploymentStatus,
    DestinationBand? Destination, string? WorkProvince, string? WorkCity, string? Employer, string? Industry, string? Occupation,
    DateOnly? WorkingSince, long? MonthlyIncomeFen, string? TrainingWish, string? JobWish, string? Notes,
    DateTime CreatedUtc, long? MergedIntoId, IReadOnlyList<long> MergedFrom, Guid Version)
{
    public static async Task<PersonDetail> LoadAsync(AppDbContext db, Person p, DateOnly today, CancellationToken ct)
    {
        var names = await db.Regions.Where(r => r.Code == p.TownshipCode || r.Code == p.AreaCode).ToDictionaryAsync(r => r.Code, r => r.Name, ct);
        var mergedFrom = await db.People.Where(x => x.MergedIntoId == p.Id).Select(x => x.Id).ToListAsync(ct);
        return new PersonDetail(p.Id, Domain.IdNumber.Mask(p.IdNumber), p.Name, p.Sex, PersonalData.BirthYear(p.BirthDate), p.AgeOn(today), Domain.Phone.Mask(p.Phone),
            p.Education, p.HouseholdNumber, p.AreaCode, p.AreaCode, p.TownshipCode, names.GetValueOrDefault(p.TownshipCode), names.GetValueOrDefault(p.AreaCode),
            p.Tags, p.MonitoredCategory, p.MonitoredRiskEliminated, p.EmploymentStatus, p.Destination, p.WorkProvince, p.WorkCity,
            p.Employer, p.Industry, p.Occupation, p.WorkingSince, p.MonthlyIncomeFen, p.TrainingWish, p.JobWish, p.Notes,
            p.CreatedUtc, p.MergedIntoId, mergedFrom, p.Version);
    }
}
