namespace CountySkills.Web.Features.Employment;

/// <summary>After a placement event (start, correction, end) the person's ledger follows (<see cref="Person.FollowPlacement"/>).
/// The placement is saved first, so the audit entry of the Person change names it ("就业记录#12 上岗"). A placement of a record
/// since merged into another is the survivor's: the survivor's ledger follows all placements of it and of its merged records.</summary>
static class PlacementLedger
{
    public static async Task FollowAsync(AppDbContext db, Placement placement, PlacementEvent what, CancellationToken ct)
    {
        var person = await db.People.SingleOrDefaultAsync(x => x.Id == placement.PersonId, ct);
        if (person?.MergedIntoId is { } survivor) person = await db.People.SingleOrDefaultAsync(x => x.Id == survivor, ct);
        if (person is null) return;
        var ids = await db.People.Where(x => x.MergedIntoId == person.Id).Select(x => x.Id).ToListAsync(ct);
        ids.Add(person.Id);
        var others = await db.Placements.AsNoTracking().Where(x => ids.Contains(x.PersonId) && x.Id != placement.Id).ToListAsync(ct);
        var employers = others.Append(placement).Where(x => x.EmployerId != null).Select(x => x.EmployerId!.Value).Distinct().ToList();
        var industries = await db.Employers.Where(e => employers.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Industry, ct);
        person.FollowPlacement(placement, what, others, p => p.EmployerId is { } e ? industries.GetValueOrDefault(e) : null);
        await db.SaveChangesAsync(ct);
    }
}
