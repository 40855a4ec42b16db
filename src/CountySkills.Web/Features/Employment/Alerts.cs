using FluentValidation;

namespace CountySkills.Web.Features.Employment;

/// <summary>Alerts for county officers (unpaid wages reported at a follow-up): GET /api/employment/alerts?open=true, POST …/{id}/close {"resolution"}.</summary>
public static class Alerts
{
    public sealed record View(long Id, AlertKind Kind, string KindName, long PlacementId, long PersonId, string AreaCode, string Text, DateTime RaisedUtc, string RaisedBy,
        bool Open, DateTime? ClosedUtc, string? ClosedBy, string? Resolution, Guid Version);

    public sealed record Close(string? Resolution, Guid? Version);

    public sealed class CloseValidator : AbstractValidator<Close>
    {
        public CloseValidator() => RuleFor(x => x.Resolution).NotEmpty().WithMessage("请写明处理结果").MaximumLength(1000).WithMessage("处理结果不超过 1000 个字");
    }

    static View Of(EmploymentAlert a) => new(a.Id, a.Kind, Words.Of(a.Kind), a.PlacementId, a.PersonId, a.AreaCode, a.Text, a.RaisedUtc, a.RaisedBy, a.Open, a.ClosedUtc,
        a.ClosedBy, a.Resolution, a.Version);

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, IValidator<Close> validator, CurrentUser user, TimeProvider clock)
    {
        public async Task<List<View>> List(bool? open, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var q = db.Alerts.AsNoTracking().WorkVisibleTo(user, a => (long?)null);
            if (open is { } o) q = o ? q.Where(a => a.ClosedUtc == null) : q.Where(a => a.ClosedUtc != null);
            return (await q.OrderByDescending(a => a.RaisedUtc).Take(500).ToListAsync(ct)).Select(Of).ToList();
        }

        public async Task<Result<View>> CloseAsync(long id, Close cmd, CancellationToken ct)
        {
            if (await validator.Refuse(cmd, ct) is { } bad) return bad;
            await using var db = await dbs.CreateDbContextAsync(ct);
            var a = await db.Alerts.SingleOrDefaultAsync(x => x.Id == id, ct);
            if (a is null) return Result.NotFound("没有找到该预警");
            if (!a.Open) return Result.Refused(new("alert.closed", $"该预警已于 {clock.ToLocal(a.ClosedUtc!.Value):yyyy-MM-dd} 处理完毕"));
            if (cmd.Version is { } v) db.Entry(a).Property(x => x.Version).OriginalValue = v;
            (a.ClosedUtc, a.ClosedBy, a.Resolution) = (clock.GetUtcNow().UtcDateTime, user.UserName, cmd.Resolution!.Trim());
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateConcurrencyException) { return Result.Conflict("该预警刚被他人处理，请刷新后查看"); }
            return Of(a);
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/employment/alerts", (bool? open, Handler h, CancellationToken ct) => h.List(open, ct)).WithName("ListAlerts")
            .WithSummary("Alerts (unpaid wages) for county officers; township officers see their township's")
            .RequirePermission(Perm.EmploymentOversight);
        api.MapPost("/employment/alerts/{id:long}/close", async (long id, Close cmd, Handler h, CancellationToken ct) => (await h.CloseAsync(id, cmd, ct)).ToHttp())
            .WithName("CloseAlert").WithValidation<Close>().RequireWorkCounty().WithSummary("Close an alert with what was done");
    }
}
