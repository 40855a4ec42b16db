using CountySkills.Web.Infrastructure.Auth;
using FluentValidation;

namespace CountySkills.Web.Features.Employment;

/// <summary>
/// Records a follow-up: PUT /api/employment/follow-ups/{id} {"doneOn", "stillEmployed", "sameEmployer", "wageFen", "problems", "notes", "version"}
/// (township officer for their people, county staff), or POST …/{id}/confirm by the employer's staff for their own worker. A report of
/// unpaid wages raises an alert to county officers.
/// </summary>
public static class RecordFollowUp
{
    public sealed record Command
    {
        public DateOnly? DoneOn { get; set; }
        public bool? StillEmployed { get; set; }
        public bool? SameEmployer { get; set; }
        public long? WageFen { get; set; }
        public FollowUpProblems Problems { get; set; }
        public string? Notes { get; set; }
        public Guid? Version { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.StillEmployed).NotNull().WithMessage("请说明是否仍在岗（stillEmployed）");
            RuleFor(x => x.WageFen).InclusiveBetween(0, 10_000_000).When(x => x.WageFen is not null).WithMessage("月工资应在 0 至 100,000 元之间（单位：分）");
            RuleFor(x => x.Problems).Must(p => ((int)p & ~15) == 0).WithMessage("问题选项无效");
            RuleFor(x => x.Notes).MaximumLength(2000).WithMessage("情况说明不超过 2000 个字");
        }
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, IValidator<Command> validator, CurrentUser user, TimeProvider clock)
    {
        public async Task<Result<PlacementView.Check>> Handle(long id, Command cmd, bool byEmployer, CancellationToken ct)
        {
            if (await validator.Refuse(cmd, ct) is { } bad) return bad;
            await using var db = await dbs.CreateDbContextAsync(ct);
            var f = await db.FollowUps.SingleOrDefaultAsync(x => x.Id == id, ct);
            if (f is null) return Result.NotFound("没有找到该回访");
            if (!user.CanSeeWork(f.AreaCode, f.EmployerId)) return Result.Forbidden("该回访不在您的权限范围内");
            if (byEmployer ? !user.IsInRole(Roles.EmployerStaff) : !user.CanWriteArea(f.AreaCode)) return Result.Forbidden("您不能登记该回访");
            if (cmd.Version is { } v) db.Entry(f).Property(x => x.Version).OriginalValue = v;
            if (f.DoneOn is not null && cmd.Version is null) return Result.Refused(new("followup.done", $"该回访已于 {f.DoneOn:yyyy-MM-dd} 登记；修改请带上版本号（version）"));
            var today = clock.Today();
            var started = await db.Placements.Where(p => p.Id == f.PlacementId).Select(p => p.StartDate).SingleAsync(ct);
            var refusal = f.Record(cmd.DoneOn ?? today, cmd.StillEmployed!.Value, cmd.SameEmployer, cmd.WageFen, cmd.Problems, cmd.Notes, user.UserName, byEmployer, today, started);
            if (refusal is not null) return Result.Refused(refusal, refusal.Code == "followup.wage" ? "wageFen" : "doneOn");
            if (cmd.Problems.HasFlag(FollowUpProblems.UnpaidWages) && !await db.Alerts.AnyAsync(a => a.FollowUpId == f.Id && a.ClosedUtc == null, ct))
            {
                var who = await db.Placements.Where(p => p.Id == f.PlacementId).Select(p => new { p.Person!.Name, p.EmployerName, p.City }).SingleAsync(ct);
                db.Alerts.Add(new EmploymentAlert
                {
                    Kind = AlertKind.UnpaidWages, PlacementId = f.PlacementId, FollowUpId = f.Id, PersonId = f.PersonId, AreaCode = f.AreaCode,
                    Text = $"{who.Name}（{who.City} {who.EmployerName}）第 {f.Months} 个月回访反映被拖欠工资" + (string.IsNullOrWhiteSpace(cmd.Notes) ? "" : $"：{cmd.Notes!.Trim()}"),
                    RaisedUtc = clock.GetUtcNow().UtcDateTime, RaisedBy = user.UserName,
                });
            }
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateConcurrencyException) { return Result.Conflict("该回访已被他人登记，请刷新后查看") with { Code = "followup.stale" }; }
            return PlacementView.Check.Of(f, today);
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPut("/employment/follow-ups/{id:long}", async (long id, Command cmd, Handler h, CancellationToken ct) => (await h.Handle(id, cmd, false, ct)).ToHttp())
            .WithName(nameof(RecordFollowUp)).WithValidation<Command>().RequireWorkWriters()
            .WithSummary("Record a follow-up: still employed, same employer, wage, problems; unpaid wages raise an alert");
        api.MapPost("/employment/follow-ups/{id:long}/confirm", async (long id, Command cmd, Handler h, CancellationToken ct) => (await h.Handle(id, cmd, true, ct)).ToHttp())
            .WithName("ConfirmFollowUp").WithValidation<Command>().RequirePermission(Perm.EmploymentConfirm)
            .WithSummary("The employer confirms its own worker's employment and wage");
    }
}
