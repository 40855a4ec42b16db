namespace CountySkills.Web.Features.People;

/// <summary>One person of the ledger, masked; 403 (and nothing of the person) outside the caller's scope.</summary>
public static class GetPerson
{
    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock)
    {
        public async Task<Result<PersonView>> Handle(long id, CancellationToken ct)
        {
            var today = clock.Today();
            await using var db = await dbs.CreateDbContextAsync(ct);
            var area = await db.People.Where(p => p.Id == id).Select(p => p.AreaCode).SingleOrDefaultAsync(ct);
            if (area is null) return Result.NotFound("没有找到该人员");
            var view = await PersonView.Project(db.People.AsNoTracking().VisibleTo(user).Where(p => p.Id == id), db, today).SingleOrDefaultAsync(ct);
            if (view is null) return Result.Forbidden("该人员不在您的权限范围内");
            return view.Masked(today);
        }
    }

    public static void Map(RouteGroupBuilder api) => api.MapGet("/people/{id:long}",
            async (long id, Handler h, CancellationToken ct) => (await h.Handle(id, ct)).ToHttp())
        .WithName(nameof(GetPerson));
}
