namespace CountySkills.Web.Features.People;

/// <summary>One person, masked; outside the caller's scope "not found", exactly as an unknown id (<see cref="PersonScope"/>). By ID
/// number (an exact search: <see cref="ExactSearch"/>, counted and audited), a merged record's old number leads to the survivor.</summary>
public static class GetPerson
{
    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, ExactSearch.Gate search)
    {
        public async Task<Result<PersonDetail>> Handle(long id, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var p = await db.People.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
            if (!user.Finds(p)) return PersonScope.NotFound();
            return await PersonDetail.LoadAsync(db, p!, clock.Today(), ct);
        }

        /// <summary>A caller whose scope holds no one (institution, employer) is told "not found" without a search being made; a role that
        /// sees people but may not search exactly (a viewer) is 403 search.exact_forbidden; anyone else searches, counted and audited.</summary>
        public async Task<Result<PersonDetail>> ByIdNumber(string idNumber, CancellationToken ct)
        {
            if (!IdNumber.TryParse(idNumber, null, out var id, out var e)) return Result.Invalid("idNumber", e!.Message);
            if (!search.Permitted) return user.SeesNoLedger() ? PersonScope.NotFound() : ExactSearch.Forbidden();
            await using var db = await dbs.CreateDbContextAsync(ct);
            if (await search.AdmitAsync(db, ct) is { } refused) return refused;
            var p = await db.People.AsNoTracking().SingleOrDefaultAsync(x => x.IdNumber == id.Value, ct);
            // The record or the one it was merged into: a merge never leaves a chain (Person.MergeInto), so one hop.
            if (p?.MergedIntoId is { } survivor) p = await db.People.AsNoTracking().SingleOrDefaultAsync(x => x.Id == survivor, ct);
            var found = user.Finds(p);
            search.Audit(db, ExactSearch.Kind.IdNumber, id.Value, found ? 1 : 0, p?.Id, p?.AreaCode, ExactSearch.Purpose.Lookup);
            await db.SaveChangesAsync(ct);
            if (!found) return PersonScope.NotFound();
            return await PersonDetail.LoadAsync(db, p!, clock.Today(), ct);
        }

        /// <summary>The person as the edit form needs them: ID number and phone in full, so opening it is audited as a reveal.</summary>
        public async Task<PersonInput?> Editable(long id, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var p = await db.People.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
            if (p is null || !user.CanWriteArea(p.AreaCode) || !user.MayRevealPersonalData) return null;
            db.AuditEntries.Add(RevealAudit.Of(user, clock, id.ToString(), new { fields = "IdNumber,Phone,BirthDate", reason = "编辑" }));
            await db.SaveChangesAsync(ct);
            return PersonInput.From(p) with { Version = p.Version };
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/people/{id:long}", async (long id, Handler h, CancellationToken ct) => (await h.Handle(id, ct)).ToHttp())
            .WithName(nameof(GetPerson));
        api.MapGet("/people/by-id-number/{idNumber}", async (string idNumber, Handler h, CancellationToken ct) => (await h.ByIdNumber(idNumber, ct)).ToHttp())
            .WithName("GetPersonByIdNumber").ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Find a person by ID number (a merged record's number finds the survivor); an exact search: audited, limited per minute");
    }
}
