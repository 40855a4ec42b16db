using FluentValidation;

namespace CountySkills.Web.Features.Admin.Settings;

/// <summary>
/// PUT /api/admin/settings/exact-search-per-minute (Admin): {perMinute, reason, basedOn}. How many exact searches (a full ID number
/// or phone, an ID prefix into the birth date, an ID check of a school's enrolment) one user may make in a sliding minute; the next
/// is 429 search.throttled (ADR 0015). Applies from the next search on.
/// </summary>
public static class ChangeExactSearchLimit
{
    public sealed record Command
    {
        public int? PerMinute { get; set; }
        public string? Reason { get; set; }
        public long? BasedOn { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Reason).ChangeReason();
            RuleFor(x => x.PerMinute).NotNull().WithMessage("请填写每分钟精确查找次数")
                .Must(n => new ExactSearchLimit(n!.Value).Problem() is null).When(x => x.PerMinute is not null)
                .WithMessage(x => new ExactSearchLimit(x.PerMinute!.Value).Problem()!);
        }
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, IValidator<Command> validator, GetSettings.Handler views)
    {
        public async Task<Result<GetSettings.ExactSearchView>> Handle(Command cmd, CancellationToken ct)
        {
            if (SettingChange.Refusal(await validator.ValidateAsync(cmd, ct)) is { } invalid) return invalid;
            await using var db = await dbs.CreateDbContextAsync(ct);
            var saved = await SettingChange.SaveAsync(db, SettingKeys.ExactSearchPerMinute, SettingJson.Write(new ExactSearchLimit(cmd.PerMinute!.Value)), cmd.Reason!,
                cmd.BasedOn, user, clock.GetUtcNow().UtcDateTime, ct);
            if (!saved.IsOk) return saved.AsFailure();
            return await views.ExactSearchAsync(db, ct);
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPut("/admin/settings/exact-search-per-minute", async (Command? cmd, Handler h, CancellationToken ct) => (await h.Handle(cmd ?? new(), ct)).ToHttp())
            .WithName(nameof(ChangeExactSearchLimit)).RequirePermission(Perm.SettingsWrite).ProducesValidationProblem()
            .WithSummary("Admin: set how many exact searches (full ID number or phone) one user may make a minute, with a reason and basedOn (stale: 409)");
}
