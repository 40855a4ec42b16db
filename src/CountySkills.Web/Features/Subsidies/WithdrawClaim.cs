using FluentValidation;

namespace CountySkills.Web.Features.Subsidies;

/// <summary>Takes a submitted claim back to draft (before review). Reached through POST /api/subsidies/claims/{id}/transitions {"action": "withdraw"}.</summary>
public static class WithdrawClaim
{
    public sealed record Command(Guid? Version = null);

    public sealed class Validator : AbstractValidator<Command>;

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, IValidator<Command> validator)
    {
        public async Task<Result<ClaimView>> Handle(long id, Command cmd, CancellationToken ct)
        {
            if (await validator.Refuse(cmd, ct) is { } bad) return bad;
            return await ClaimStep.RunAsync(dbs, user, clock, id, cmd.Version, ClaimAction.Withdraw,
                (_, claim) => Task.FromResult(ClaimStep.Refused(claim.Withdraw(user.UserName, clock.GetUtcNow().UtcDateTime))), ct);
        }
    }
}
