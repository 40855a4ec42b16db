using FluentValidation;

namespace CountySkills.Web.Features.Subsidies;

/// <summary>Approves a claim once its notice has run its course with no objection open. Reached through
/// POST /api/subsidies/claims/{id}/transitions {"action": "approve"}.</summary>
public static class ApproveClaim
{
    public sealed record Command(Guid? Version = null);

    public sealed class Validator : AbstractValidator<Command>;

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, IValidator<Command> validator)
    {
        public async Task<Result<ClaimView>> Handle(long id, Command cmd, CancellationToken ct)
        {
            if (await validator.Refuse(cmd, ct) is { } bad) return bad;
            return await ClaimStep.RunAsync(dbs, user, clock, id, cmd.Version, ClaimAction.Approve, async (db, claim) =>
            {
                var open = await db.Objections.CountAsync(o => o.ClaimId == id && o.Status == ObjectionStatus.Open, ct);
                return ClaimStep.Refused(claim.Approve(clock.Today(), open, user.UserName, clock.GetUtcNow().UtcDateTime));
            }, ct);
        }
    }
}
