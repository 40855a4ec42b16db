using FluentValidation;
using System.Text.Json.Serialization;

namespace CountySkills.Web.Features.Training;

/// <summary>
/// Moves a class along its lifecycle: POST /api/training/classes/{id}/transitions with {"action": "submit"} (or
/// {"to": "Submitted"}), a reason when returning, and optionally the version the caller saw (stale: 409).
/// </summary>
public static class TransitionClass
{
    public sealed record Command
    {
        public ClassAction? Action { get; set; }
        /// <summary>Alternative to Action: the state to move to.</summary>
        public ClassStatus? To { get; set; }
        public string? Reason { get; set; }
        public Guid? Version { get; set; }
        [JsonIgnore] public ClassAction? Resolved => Action ?? (To is { } to ? TrainingClass.ActionLeadingTo(to) : null);
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Resolved).NotNull().OverridePropertyName("action")
                .WithMessage("请说明要进行的操作：action = submit、withdraw、approve、return、start、complete 或 close");
            RuleFor(x => x.Reason).MaximumLength(500).WithMessage("说明不超过 500 个字");
        }
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, IValidator<Command> validator)
    {
        public async Task<Result<ClassView>> Handle(long id, Command cmd, CancellationToken ct)
        {
            if (await validator.Refuse(cmd, ct) is { } bad) return bad;
            await using var db = await dbs.CreateDbContextAsync(ct);
            var found = await db.FindClassForWriteAsync(id, user, ct);
            if (!found.IsOk) return found.AsFailure();
            var cls = found.Value!;
            if (cmd.Version is { } v && v != cls.Version) return Result.Conflict("该培训班已被他人修改，请刷新后查看当前状态");
            var refusal = cls.Apply(cmd.Resolved!.Value, user.IsCounty(), cmd.Reason, user.UserName, clock.GetUtcNow().UtcDateTime);
            if (refusal is not null)
                return refusal.Code == "transition.forbidden" ? Result.Forbidden(refusal.Message) with { Code = refusal.Code }
                    : refusal.Code == "transition.reason_required" ? Result.Refused(refusal, "reason") : Result.Refused(refusal);
            db.Entry(cls).Property(c => c.Version).OriginalValue = cls.Version;
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateConcurrencyException) { return Result.Conflict("该培训班刚被他人操作，请刷新后查看当前状态"); }
            return await ClassView.LoadAsync(db, id, user, ct);
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/training/classes/{id:long}/transitions",
                async (long id, Command cmd, Handler h, CancellationToken ct) => (await h.Handle(id, cmd, ct)).ToHttp())
            .WithName(nameof(TransitionClass)).ProducesValidationProblem().RequireWriters()
            .WithSummary("Submit, withdraw, approve, return (with reason), start, complete or close a class");
        api.MapGet("/training/classes/{id:long}/transitions", async (long id, IDbContextFactory<AppDbContext> dbs, CurrentUser user, CancellationToken ct) =>
            {
                await using var db = await dbs.CreateDbContextAsync(ct);
                var found = await db.FindClassAsync(id, user, ct, track: false);
                return found.IsOk ? TypedResults.Ok((await ClassView.LoadAsync(db, id, user, ct)).Transitions) : found.ToHttp();
            })
            .WithName("ListClassTransitions").WithSummary("Who moved the class from which state to which, when and why").RequireReaders();
    }
}
