using FluentValidation;

namespace CountySkills.Web.Features.Admin.Settings;

/// <summary>
/// PUT /api/admin/settings/public-base-url (Admin): {url, reason, basedOn}. The address QR codes and public links print from then on
/// (certificate verification, brand workers' service cards): an absolute http(s) address without query or fragment.
/// </summary>
public static class ChangePublicBaseUrl
{
    public sealed record Command
    {
        public string? Url { get; set; }
        public string? Reason { get; set; }
        public long? BasedOn { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Reason).ChangeReason();
            RuleFor(x => x.Url).Custom((url, ctx) =>
            {
                if (!PublicBaseUrl.TryParse(url, out _, out var problem)) ctx.AddFailure(ctx.PropertyPath, problem!);
            });
        }
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, IValidator<Command> validator, GetSettings.Handler views)
    {
        public async Task<Result<GetSettings.PublicBaseUrlView>> Handle(Command cmd, CancellationToken ct)
        {
            if (SettingChange.Refusal(await validator.ValidateAsync(cmd, ct)) is { } invalid) return invalid;
            PublicBaseUrl.TryParse(cmd.Url, out var url, out _);
            await using var db = await dbs.CreateDbContextAsync(ct);
            var saved = await SettingChange.SaveAsync(db, SettingKeys.PublicBaseUrl, SettingJson.Write(url!), cmd.Reason!, cmd.BasedOn, user,
                clock.GetUtcNow().UtcDateTime, ct);
            if (!saved.IsOk) return saved.AsFailure();
            return await views.PublicBaseUrlAsync(db, ct);
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPut("/admin/settings/public-base-url", async (Command? cmd, Handler h, CancellationToken ct) => (await h.Handle(cmd ?? new(), ct)).ToHttp())
            .WithName(nameof(ChangePublicBaseUrl)).RequirePermission(Perm.SettingsWrite).ProducesValidationProblem()
            .WithSummary("Admin: set the public base address printed in QR codes and public links, with a reason and basedOn (stale: 409)");
}
