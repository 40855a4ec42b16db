using FluentValidation;

namespace CountySkills.Web.Features.Subsidies;

/// <summary>
/// One line decided while the review is under way: POST /api/subsidies/claims/{id}/lines/{lineId}/decision
/// {"decision": "approve" | "reject" | "return", "reason", "version"?}. The review transition keeps these decisions and decides the
/// remaining lines by the system verdict. Each decision changes the claim's version, so two reviewers cannot overwrite each other.
/// </summary>
public static class DecideLine
{
    public sealed record Command(LineDecision? Decision, string? Reason, Guid? Version);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Decision).NotNull().IsInEnum().WithMessage("审核意见应为 approve（通过）、reject（不通过）或 return（退回修改）");
            RuleFor(x => x.Reason).MaximumLength(500).WithMessage("原因不超过 500 个字");
        }
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, IValidator<Command> validator)
    {
        public async Task<Result<ClaimView>> Handle(long id, long lineId, Command cmd, CancellationToken ct)
        {
            if (await validator.Refuse(cmd, ct) is { } bad) return bad;
            await using var db = await dbs.CreateDbContextAsync(ct);
            var found = await db.FindClaimAsync(id, user, ct, withLines: true);
            if (!found.IsOk) return found.AsFailure();
            var claim = found.Value!;
            if (!user.IsCounty()) return Result.Forbidden("只有县级审核人员可以审核补贴申请") with { Code = "transition.forbidden" };
            if (cmd.Version is { } v && v != claim.Version) return Result.Conflict("该补贴申请刚被他人处理，请刷新后查看当前状态") with { Code = "claim.stale" };
            var refusal = claim.DecideLine(lineId, cmd.Decision!.Value, cmd.Reason, user.UserName, clock.GetUtcNow().UtcDateTime);
            if (refusal is not null)
                return refusal.Code switch
                {
                    "line.not_found" => Result.NotFound(refusal.Message) with { Code = refusal.Code },
                    "claim.invalid_state" => Result.Refused(refusal),
                    _ => Result.Refused(refusal, refusal.Code == "line.reason_required" ? "reason" : "decision"),
                };
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException e) when (DbErrors.IsWriteConflict(e)) { return Result.Conflict("该补贴申请刚被他人处理，请刷新后查看当前状态") with { Code = "claim.stale" }; }
            return await ClaimView.LoadAsync(db, id, user, clock, ct);
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/subsidies/claims/{id:long}/lines/{lineId:long}/decision", async (long id, long lineId, Command cmd, Handler h, CancellationToken ct) =>
                (await h.Handle(id, lineId, cmd, ct)).ToHttp())
            .WithName(nameof(DecideLine)).ProducesValidationProblem().RequireSubsidyCounty()
            .WithSummary("Decide one line of a submitted claim (approve, reject with reason, return for revision)");
}
