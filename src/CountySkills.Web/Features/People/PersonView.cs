namespace CountySkills.Web.Features.People;

/// <summary>How a person leaves the server in a list: ID number and phone masked, and no birth date — the year and the
/// age only, since the date and the masked ID give the ID back (revealing is a separate, audited use case).</summary>
public sealed record PersonView(
    long Id, string Name, string IdNumber, Sex Sex, int BirthYear, int Age, string? Phone,
    string AreaCode, string TownshipCode, string? TownshipName, string? VillageName,
    PersonTags Tags, EmploymentStatus EmploymentStatus, DestinationBand? Destination, Guid Version)
{
    /// <summary>The row as read, before masking; only <see cref="Masked"/> turns it into something to send.</summary>
    public sealed record Row(
        long Id, string Name, string IdNumber, Sex Sex, DateOnly BirthDate, string? Phone,
        string AreaCode, string TownshipCode, string? TownshipName, string? VillageName,
        PersonTags Tags, EmploymentStatus EmploymentStatus, DestinationBand? Destination, Guid Version)
    {
        public PersonView Masked(DateOnly today) => new(
            Id, Name, Domain.IdNumber.Mask(IdNumber), Sex, PersonalData.BirthYear(BirthDate), Person.Age(BirthDate, today), Domain.Phone.Mask(Phone),
            AreaCode, TownshipCode, TownshipName, VillageName, Tags, EmploymentStatus, Destination, Version);
    }

    public static IQueryable<Row> Project(IQueryable<Person> people, AppDbContext db) =>
        from p in people
        select new Row(
            p.Id, p.Name, p.IdNumber, p.Sex, p.BirthDate, p.Phone, p.AreaCode, p.TownshipCode,
            db.Regions.Where(r => r.Code == p.TownshipCode).Select(r => r.Name).FirstOrDefault(),
            db.Regions.Where(r => r.Code == p.AreaCode).Select(r => r.Name).FirstOrDefault(),
            p.Tags, p.EmploymentStatus, p.Destination, p.Version);
}
