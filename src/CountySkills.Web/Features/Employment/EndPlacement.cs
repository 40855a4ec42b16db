using FluentValidation;

namespace CountySkills.Web.Features.Employment;

/// <summary>Ending a placement (离职/返乡): POST /api/employment/placements/{id}/end {"endedOn", "reason", "version"?}. Follow-ups due after the end are cancelled;
/// the person's ledger takes the status the reason says (返乡/离职 -> 未就业 …) unless a newer placement of theirs governs.</summary>
public static class EndPlacement
{
    public sealed record Command(DateOnly EndedOn, string? Reason, Guid? Version);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Reason).NotEmpty().WithMessage("请写明结束原因（如 合同期满、返乡、换工作）").MaximumLength(200).WithMessage("原因不超过 200 个字");
        }
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, IValidator<Command> validator, CurrentUser user, TimeProvider clock)
    {
        public async Task<Result<PlacementView>> Handle(long id, Command cmd, CancellationToken ct)
        {
            if (await validator.Refuse(cmd, ct) is { } bad) return bad;
            await using var db = await dbs.CreateDbContextAsync(ct);
            var p = await db.Placements.Include(x => x.FollowUps).SingleOrDefaultAsync(x => x.Id == id, ct);
            if (p is null) return Result.NotFound("没有找到该就业记录");
            if (!user.CanSeeWork(p.AreaCode, p.EmployerId) || !user.CanWriteArea(p.AreaCode)) return Result.Forbidden("该就业记录不在您的权限范围内");
            if (cmd.Version is { } v && v != p.Version) return Result.Conflict("该就业记录已被他人修改，请刷新后重试");
            var today = clock.Today();
            if (p.End(cmd.EndedOn, cmd.Reason!, today) is { } refusal)
                return refusal.Code == "placement.ended" ? Result.Refused(refusal) : Result.Refused(refusal, "endedOn");
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            try
            {
                await db.SaveChangesAsync(ct);
                await PlacementLedger.FollowAsync(db, p, PlacementEvent.Ended, ct);
            }
            catch (DbUpdateConcurrencyException) { return Result.Conflict("该就业记录已被他人修改，请刷新后重试"); }
            await tx.CommitAsync(ct);
            return (await PlacementView.LoadAsync(db, id, today, ct))!;
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/employment/placements/{id:long}/end", async (long id, Command cmd, Handler h, CancellationToken ct) => (await h.Handle(id, cmd, ct)).ToHttp())
            .WithName(nameof(EndPlacement)).WithValidation<Command>().RequireWorkWriters().WithSummary("End a placement: when and why; later follow-ups are cancelled");
}
