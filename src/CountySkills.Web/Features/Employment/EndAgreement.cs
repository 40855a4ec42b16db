using FluentValidation;

namespace CountySkills.Web.Features.Employment;

/// <summary>Terminating an agreement early (提前终止): POST /api/employment/agreements/{id}/end {"endedOn", "version"?}. County staff.
/// Refusals: agreement.terminated (409), agreement.end_before_start (400 on endedOn).</summary>
public static class EndAgreement
{
    public sealed class Command
    {
        public DateOnly? EndedOn { get; set; }
        public Guid? Version { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(x => x.EndedOn).NotNull().WithMessage("请填写终止日期");
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, IValidator<Command> validator, ListAgreements.Handler list)
    {
        public async Task<Result<ListAgreements.View>> Handle(long id, Command cmd, CancellationToken ct)
        {
            if (await validator.Refuse(cmd, ct) is { } bad) return bad;
            await using var db = await dbs.CreateDbContextAsync(ct);
            var a = await db.Agreements.SingleOrDefaultAsync(x => x.Id == id, ct);
            if (a is null) return Result.NotFound("没有找到该协议");
            if (cmd.Version is { } v) db.Entry(a).Property(x => x.Version).OriginalValue = v;
            if (a.Terminate(cmd.EndedOn!.Value) is { } refusal)
                return refusal.Code == "agreement.terminated" ? Result.Refused(refusal) : Result.Refused(refusal, "endedOn");
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateConcurrencyException) { return Result.Conflict("该协议已被他人修改，请刷新后重试"); }
            return (await list.List(id, ct)).Single();
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/employment/agreements/{id:long}/end", async (long id, Command cmd, Handler h, CancellationToken ct) => (await h.Handle(id, cmd, ct)).ToHttp())
            .WithName(nameof(EndAgreement)).WithValidation<Command>().RequireWorkCounty().WithSummary("Terminate an agreement early: from which day");
}
