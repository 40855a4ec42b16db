using FluentValidation;

namespace CountySkills.Web.Features.Subsidies;

/// <summary>
/// Resolves an objection: POST /api/subsidies/objections/{id}/resolution {"outcome": "upheld" | "dismissed", "reason", "lineIds"?, "version"?}.
/// Upheld: the named lines (or the line the objection names) are rejected; dismissed: recorded with its reason. The rules are the
/// objection's (Objection.Resolve); a claim is approved only when none is open.
/// </summary>
public static class ResolveObjection
{
    public enum Outcome { Upheld = 1, Dismissed = 2 }

    public sealed record Command(Outcome? Outcome, string? Reason, List<long>? LineIds, Guid? Version);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Outcome).NotNull().IsInEnum().WithMessage("处理结果应为 upheld（异议成立）或 dismissed（异议不成立）");
            RuleFor(x => x.Reason).NotEmpty().WithMessage("请写明调查结论").MaximumLength(1000).WithMessage("调查结论不超过 1000 个字");
        }
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, IValidator<Command> validator)
    {
        public async Task<Result<ListObjections.View>> Handle(long id, Command cmd, CancellationToken ct)
        {
            if (await validator.Refuse(cmd, ct) is { } bad) return bad;
            await using var db = await dbs.CreateDbContextAsync(ct);
            var o = await db.Objections.SingleOrDefaultAsync(x => x.Id == id, ct);
            if (o is null) return Result.NotFound("没有找到该异议");
            if (cmd.Version is { } v && v != o.Version) return Result.Conflict("该异议已被他人处理，请刷新后查看");
            var claim = await db.Claims.Include(c => c.Lines).SingleAsync(c => c.Id == o.ClaimId, ct);
            var upheld = cmd.Outcome == Outcome.Upheld;
            var ids = (cmd.LineIds is { Count: > 0 } given ? given : o.LineId is { } one ? [one] : []).ToHashSet();
            var lines = upheld ? claim.Lines.Where(l => ids.Contains(l.Id)).ToList() : [];
            if (upheld && lines.Count != ids.Count) return Result.Invalid("lineIds", "所列人员不在该申请的名单中");
            var refusal = o.Resolve(claim, upheld, cmd.Reason, lines, user.UserName, clock.GetUtcNow().UtcDateTime);
            if (refusal is not null) return refusal.Code == "objection.line_required" ? Result.Refused(refusal, "lineIds") : Result.Refused(refusal);
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException e) when (DbErrors.IsWriteConflict(e)) { return Result.Conflict("该异议或申请刚被他人处理，请刷新后查看"); }
            return (await ListObjections.LoadAsync(db, db.Objections.AsNoTracking().Where(x => x.Id == id), ct)).Single();
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/subsidies/objections/{id:long}/resolution", async (long id, Command cmd, Handler h, CancellationToken ct) => (await h.Handle(id, cmd, ct)).ToHttp())
            .WithName(nameof(ResolveObjection)).ProducesValidationProblem().RequireSubsidyCounty()
            .WithSummary("Uphold (the lines are rejected) or dismiss (with reason) an objection");
}
