using FluentValidation;

namespace CountySkills.Web.Features.Subsidies;

/// <summary>Reviews a claim line by line (lines not named take the system verdict); the claim is judged again first, under its own
/// rules, since a claim for the same person submitted earlier may have arrived meanwhile. Reached through
/// POST /api/subsidies/claims/{id}/transitions {"action": "review", "decisions": [{lineId, decision, reason}]}.</summary>
public static class ReviewClaim
{
    public sealed record Command(List<TransitionClaim.LineVerdict>? Decisions, Guid? Version = null);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleForEach(x => x.Decisions).NotNull().WithMessage("审核意见不能为空");
            RuleForEach(x => x.Decisions).ChildRules(d =>
            {
                d.RuleFor(x => x.Decision).IsInEnum().WithMessage("审核意见应为 approve（通过）、reject（不通过）或 return（退回修改）");
                d.RuleFor(x => x.Reason).MaximumLength(500).WithMessage("原因不超过 500 个字");
            });
            RuleFor(x => x.Decisions).Must(d => d is null || d.Where(x => x is not null).Select(x => x.LineId).Distinct().Count() == d.Count(x => x is not null))
                .WithMessage("同一学员只能有一条审核意见");
        }
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, IValidator<Command> validator)
    {
        public async Task<Result<ClaimView>> Handle(long id, Command cmd, CancellationToken ct)
        {
            if (await validator.Refuse(cmd, ct) is { } bad) return bad;
            return await ClaimStep.RunAsync(dbs, user, clock, id, cmd.Version, ClaimAction.Review, async (db, claim) =>
            {
                await ClaimJudging.JudgeAsync(db, claim, await ClaimStep.ClassOf(db, claim, ct), await SubsidyHistory.RulesByIdAsync(db, claim.RulesId, ct), ct);
                var decisions = (cmd.Decisions ?? []).ToDictionary(d => d.LineId, d => (d.Decision, d.Reason));
                return ClaimStep.Refused(claim.Review(decisions, user.UserName, clock.GetUtcNow().UtcDateTime));
            }, ct);
        }
    }
}
