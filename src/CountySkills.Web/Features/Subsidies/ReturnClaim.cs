using FluentValidation;

namespace CountySkills.Web.Features.Subsidies;

/// <summary>Returns a whole claim to the institution for correction, with the reason. Reached through
/// POST /api/subsidies/claims/{id}/transitions {"action": "return", "reason"}.</summary>
public static class ReturnClaim
{
    public sealed record Command(string? Reason, Guid? Version = null);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(x => x.Reason).MaximumLength(500).WithMessage("说明不超过 500 个字");
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, IValidator<Command> validator)
    {
        public async Task<Result<ClaimView>> Handle(long id, Command cmd, CancellationToken ct)
        {
            if (await validator.Refuse(cmd, ct) is { } bad) return bad;
            return await ClaimStep.RunAsync(dbs, user, clock, id, cmd.Version, ClaimAction.Return,
                (_, claim) => Task.FromResult(ClaimStep.Refused(claim.ReturnAll(cmd.Reason, user.UserName, clock.GetUtcNow().UtcDateTime))), ct);
        }
    }
}
