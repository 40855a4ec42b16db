using FluentValidation;

namespace CountySkills.Web.Features.Admin.Settings;

/// <summary>
/// PUT /api/admin/settings/follow-up-intervals (Admin): {months, reason, basedOn}. Placements recorded from then on get their
/// follow-ups at these months after the start; placements already recorded keep theirs.
/// </summary>
public static class ChangeFollowUpIntervals
{
    public sealed record Command
    {
        public List<int>? Months { get; set; }
        public string? Reason { get; set; }
        public long? BasedOn { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Reason).ChangeReason();
            RuleFor(x => x.Months).NotNull().WithMessage("请填写回访间隔（月）")
                .Must(m => new FollowUpIntervals(m!).Problem() is null).When(x => x.Months is not null)
                .WithMessage(x => new FollowUpIntervals(x.Months!).Problem()!);
        }
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, IValidator<Command> validator, GetSettings.Handler views)
    {
        public async Task<Result<GetSettings.FollowUpView>> Handle(Command cmd, CancellationToken ct)
        {
            if (SettingChange.Refusal(await validator.ValidateAsync(cmd, ct)) is { } invalid) return invalid;
            await using var db = await dbs.CreateDbContextAsync(ct);
            var saved = await SettingChange.SaveAsync(db, SettingKeys.FollowUpIntervals, SettingJson.Write(new FollowUpIntervals(cmd.Months!)), cmd.Reason!,
                cmd.BasedOn, user, clock.GetUtcNow().UtcDateTime, ct);
            if (!saved.IsOk) return saved.AsFailure();
            return await views.FollowUpAsync(db, ct);
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPut("/admin/settings/follow-up-intervals", async (Command? cmd, Handler h, CancellationToken ct) => (await h.Handle(cmd ?? new(), ct)).ToHttp())
            .WithName(nameof(ChangeFollowUpIntervals)).RequirePermission(Perm.SettingsWrite).ProducesValidationProblem()
            .WithSummary("Admin: set the follow-up intervals (months after a placement starts), with a reason and basedOn (stale: 409)");
}
