using FluentValidation;

namespace CountySkills.Web.Features.People;

/// <summary>Merges a duplicate record into the survivor: both histories are kept, the duplicate (and whatever was merged into it) points to the survivor.</summary>
public static class MergePeople
{
    public sealed record Command(long MergedId, Guid? SurvivorVersion = null, Guid? MergedVersion = null);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(x => x.MergedId).GreaterThan(0).WithMessage("请指定要合并的重复记录");
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, IValidator<Command> validator)
    {
        public async Task<Result<PersonDetail>> Handle(long survivorId, Command cmd, CancellationToken ct)
        {
            if (await validator.Refuse(cmd, ct) is { } bad) return bad;
            await using var db = await dbs.CreateDbContextAsync(ct);
            var both = await db.People.Where(p => p.Id == survivorId || p.Id == cmd.MergedId).ToListAsync(ct);
            var survivor = both.SingleOrDefault(p => p.Id == survivorId);
            var merged = both.SingleOrDefault(p => p.Id == cmd.MergedId);
            // Unknown and outside the caller's scope are one answer (PersonScope).
            if (!user.Finds(survivor) || !user.Finds(merged)) return PersonScope.NotFound();
            if (!user.CanWriteArea(survivor!.AreaCode) || !user.CanWriteArea(merged!.AreaCode)) return Result.Forbidden("只能合并您权限范围内的人员");
            if (cmd.SurvivorVersion is { } sv) db.Entry(survivor).Property(p => p.Version).OriginalValue = sv;
            if (cmd.MergedVersion is { } mv) db.Entry(merged).Property(p => p.Version).OriginalValue = mv;
            // Records merged into the duplicate before now point to the survivor too (one hop, never a chain).
            var earlier = await db.People.Where(p => p.MergedIntoId == merged.Id).ToListAsync(ct);
            if (merged.MergeInto(survivor, earlier, clock.GetUtcNow().UtcDateTime) is { } refusal) return Result.Invalid("mergedId", refusal);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Result.Conflict("其中一条记录已被他人修改，请刷新后重新核对再合并");
            }
            return await PersonDetail.LoadAsync(db, survivor, clock.Today(), ct);
        }
    }

    public static void Map(RouteGroupBuilder api) => api.MapPost("/people/{id:long}/merge",
            async (long id, Command cmd, Handler h, CancellationToken ct) => (await h.Handle(id, cmd, ct)).ToHttp())
        .WithName(nameof(MergePeople)).WithValidation<Command>().RequirePermission(Perm.PeopleWrite)
        .WithSummary("Merge person {mergedId} into person {id}; the merged record keeps its ID number and points to the survivor");
}
