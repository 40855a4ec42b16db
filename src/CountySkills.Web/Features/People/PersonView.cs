namespace CountySkills.Web.Features.People;

/// <summary>How a person leaves the server: ID number and phone masked (revealing is a separate, audited use case).</summary>
public sealed record PersonView(
    long Id, string Name, string IdNumber, Sex Sex, DateOnly BirthDate, int Age, string? Phone,
    string AreaCode, string TownshipCode, string? TownshipName, string? VillageName,
    PersonTags Tags, EmploymentStatus EmploymentStatus, DestinationBand? Destination, Guid Version)
{
    public static IQueryable<PersonView> Project(IQueryable<Person> people, AppDbContext db) =>
        from p in people
        select new PersonView(
            p.Id, p.Name, p.IdNumber, p.Sex, p.BirthDate, 0, p.Phone, p.AreaCode, p.TownshipCode,
            db.Regions.Where(r => r.Code == p.TownshipCode).Select(r => r.Name).FirstOrDefault(),
            db.Regions.Where(r => r.Code == p.AreaCode).Select(r => r.Name).FirstOrDefault(),
            p.Tags, p.EmploymentStatus, p.Destination, p.Version);

    public PersonView Masked(DateOnly today) => this with
    {
        IdNumber = Domain.IdNumber.Mask(IdNumber), Phone = Domain.Phone.Mask(Phone), Age = Person.Age(BirthDate, today),
    };
}
