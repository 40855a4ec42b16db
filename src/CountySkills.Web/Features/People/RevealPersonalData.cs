namespace CountySkills.Web.Features.People;

/// <summary>Shows one person's full ID number, phone and birth date to a user allowed to see them; every reveal is audited.
/// The birth date comes only with the ID: with the masked ID it would give the ID back.</summary>
public static class RevealPersonalData
{
    public sealed record Revealed(long Id, string IdNumber, string? Phone, DateOnly BirthDate);

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock)
    {
        public async Task<Result<Revealed>> Handle(long id, string? reason, CancellationToken ct)
        {
            // The permission first (it says nothing of the person); then unknown and out of scope are one "not found".
            if (!user.MayRevealPersonalData) return Result.Forbidden("您没有查看完整身份证号和手机号的权限");
            await using var db = await dbs.CreateDbContextAsync(ct);
            var p = await db.People.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.IdNumber, x.Phone, x.BirthDate, x.AreaCode }).SingleOrDefaultAsync(ct);
            if (!user.FindsIn(p?.AreaCode)) return PersonScope.NotFound();
            db.AuditEntries.Add(RevealAudit.Of(user, clock, id.ToString(), new { fields = "IdNumber,Phone,BirthDate", reason = reason ?? "" }));
            await db.SaveChangesAsync(ct);
            return new Revealed(id, p!.IdNumber, p.Phone, p.BirthDate);
        }
    }

    public sealed record Request(string? Reason);

    public static void Map(RouteGroupBuilder api) => api.MapPost("/people/{id:long}/reveal",
            async (long id, Request? body, Handler h, CancellationToken ct) => (await h.Handle(id, body?.Reason, ct)).ToHttp())
        .WithName(nameof(RevealPersonalData)).RequirePermission(Perm.PeopleReveal).WithSummary("Full ID number, phone and birth date of one person; written to the audit log");
}
