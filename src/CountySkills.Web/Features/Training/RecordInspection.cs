using FluentValidation;

namespace CountySkills.Web.Features.Training;

/// <summary>County staff record an on-site visit of a class: POST /api/training/classes/{id}/inspections {visitedOn, findings,
/// traineesPresent?, rectifyBy?}. A visit that found nothing to put right (no deadline) is closed at once.</summary>
public static class RecordInspection
{
    public sealed record Command
    {
        public DateOnly VisitedOn { get; set; }
        public string Findings { get; set; } = "";
        public int? TraineesPresent { get; set; }
        public DateOnly? RectifyBy { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(x => x.VisitedOn).NotEqual(default(DateOnly)).WithMessage("请填写检查日期").Must(d => d <= clock.Today()).WithMessage("检查日期不能晚于今天");
            RuleFor(x => x.Findings).NotEmpty().WithMessage("请填写检查发现的情况").MaximumLength(4000).WithMessage("检查情况不超过 4000 个字");
            RuleFor(x => x.TraineesPresent).InclusiveBetween(0, 1000).When(x => x.TraineesPresent is not null).WithMessage("实到人数无效");
            RuleFor(x => x.RectifyBy).GreaterThanOrEqualTo(x => x.VisitedOn).When(x => x.RectifyBy is not null).WithMessage("整改期限不能早于检查日期");
        }
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, IValidator<Command> validator)
    {
        public async Task<Result<Inspections.View>> Handle(long classId, Command input, CancellationToken ct)
        {
            if (await validator.Refuse(input, ct) is { } bad) return bad;
            await using var db = await dbs.CreateDbContextAsync(ct);
            var found = await db.FindClassAsync(classId, user, ct);
            if (!found.IsOk) return found.AsFailure();
            if (found.Value!.Status is not (ClassStatus.Approved or ClassStatus.InProgress or ClassStatus.Completed))
                return Result.Refused(new Refusal("inspection.invalid_state", $"培训班当前为“{Zh.Of(found.Value.Status)}”，批准开班后才能督导检查"));
            var i = new Inspection
            {
                ClassId = classId, VisitedOn = input.VisitedOn, Inspector = user.DisplayName, Findings = input.Findings.Trim(), TraineesPresent = input.TraineesPresent,
                RectifyBy = input.RectifyBy, CreatedUtc = clock.GetUtcNow().UtcDateTime,
            };
            // A visit that found nothing to put right is closed at once.
            if (input.RectifyBy is null) (i.Status, i.ClosedOn, i.ClosedBy, i.ClosingNote) = (InspectionStatus.Closed, input.VisitedOn, user.DisplayName, "检查未发现需整改问题");
            db.Inspections.Add(i);
            await db.SaveChangesAsync(ct);
            return Inspections.ViewOf(i, [], clock.Today());
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/training/classes/{id:long}/inspections", async (long id, Command input, Handler h, CancellationToken ct) =>
                (await h.Handle(id, input, ct)).ToHttp(v => TypedResults.Created($"/api/training/inspections/{v.Id}", v)))
            .WithName(nameof(RecordInspection)).ProducesValidationProblem().RequireCounty();
}
