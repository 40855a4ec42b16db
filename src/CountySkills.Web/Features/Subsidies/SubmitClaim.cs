using FluentValidation;

namespace CountySkills.Web.Features.Subsidies;

/// <summary>Submits a claim for review (institution or county): the first submission binds the rules in force, a resubmission after a
/// return keeps the claim's own; every line is judged under them. Reached through POST /api/subsidies/claims/{id}/transitions {"action": "submit"}.</summary>
public static class SubmitClaim
{
    public sealed record Command(Guid? Version = null);

    public sealed class Validator : AbstractValidator<Command>;

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, IValidator<Command> validator)
    {
        public async Task<Result<ClaimView>> Handle(long id, Command cmd, CancellationToken ct)
        {
            if (await validator.Refuse(cmd, ct) is { } bad) return bad;
            return await ClaimStep.RunAsync(dbs, user, clock, id, cmd.Version, ClaimAction.Submit, async (db, claim) =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                var rules = claim.FirstSubmission ? await SubsidyHistory.RulesAtAsync(db, now, ct) : await SubsidyHistory.RulesByIdAsync(db, claim.RulesId, ct);
                var refusal = claim.Submit(rules.Id, clock.Today(), user.UserName, now);
                if (refusal is null)
                {
                    await ClaimJudging.JudgeAsync(db, claim, await ClaimStep.ClassOf(db, claim, ct), rules, ct);
                    if (claim.Lines.Count == 0) refusal = new("claim.empty", "本班已没有在册学员，申请不能提交");
                }
                return ClaimStep.Refused(refusal);
            }, ct);
        }
    }
}
