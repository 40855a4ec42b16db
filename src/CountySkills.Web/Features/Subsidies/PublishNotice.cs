using FluentValidation;

namespace CountySkills.Web.Features.Subsidies;

/// <summary>Publishes a reviewed claim's list as a public notice (公示) for the working days its rules set, from the given first day
/// (today by default). Reached through POST /api/subsidies/claims/{id}/transitions {"action": "publish", "noticeStartsOn"?, "reason"?}.</summary>
public static class PublishNotice
{
    public sealed record Command(DateOnly? NoticeStartsOn, string? Reason, Guid? Version = null);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(x => x.Reason).MaximumLength(500).WithMessage("说明不超过 500 个字");
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, IValidator<Command> validator)
    {
        public async Task<Result<ClaimView>> Handle(long id, Command cmd, CancellationToken ct)
        {
            if (await validator.Refuse(cmd, ct) is { } bad) return bad;
            return await ClaimStep.RunAsync(dbs, user, clock, id, cmd.Version, ClaimAction.Publish, async (db, claim) =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                var today = clock.Today();
                var bound = await SubsidyHistory.RulesByIdAsync(db, claim.RulesId, ct);
                var calendar = await Admin.Settings.CurrentSettings.CalendarAsync(db, now, ct);
                return ClaimStep.Refused(claim.Publish(cmd.NoticeStartsOn ?? today, today, calendar, bound.NoticeWorkingDays, cmd.Reason, user.UserName, now));
            }, ct);
        }
    }
}
