namespace CountySkills.Web.Features.People;

/// <summary>One person, masked; 403 (and nothing of the person) outside the caller's scope. By ID number, a merged
/// record's old number leads to the survivor.</summary>
public static class GetPerson
{
    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock)
    {
        public async Task<Result<PersonDetail>> Handle(long id, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var p = await db.People.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
            return await Visible(db, p, ct);
        }

        public async Task<Result<PersonDetail>> ByIdNumber(string idNumber, CancellationToken ct)
        {
            if (!IdNumber.TryParse(idNumber, null, out var id, out var e)) return Result.Invalid("idNumber", e!.Message);
            await using var db = await dbs.CreateDbContextAsync(ct);
            var p = await db.People.AsNoTracking().SingleOrDefaultAsync(x => x.IdNumber == id.Value, ct);
            for (var hops = 0; p?.MergedIntoId is { } survivor && hops < 10; hops++)
                p = await db.People.AsNoTracking().SingleOrDefaultAsync(x => x.Id == survivor, ct);
            return await Visible(db, p, ct);
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

        async Task<Result<PersonDetail>> Visible(AppDbContext db, Person? p, CancellationToken ct)
        {
            if (p is null) return Result.NotFound("台账中没有该人员");
            if (!user.CanSeeArea(p.AreaCode)) return Result.Forbidden("该人员不在您的权限范围内");
            return await PersonDetail.LoadAsync(db, p, clock.Today(), ct);
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/people/{id:long}", async (long id, Handler h, CancellationToken ct) => (await h.Handle(id, ct)).ToHttp())
            .WithName(nameof(GetPerson));
        api.MapGet("/people/by-id-number/{idNumber}", async (string idNumber, Handler h, CancellationToken ct) => (await h.ByIdNumber(idNumber, ct)).ToHttp())
            .WithName("GetPersonByIdNumber").WithSummary("Find a person by ID number (a merged record's number finds the survivor)");
    }
}
