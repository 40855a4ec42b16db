using FluentValidation;

namespace CountySkills.Web.Features.Training;

/// <summary>Assessment results (结业考核): PUT /api/training/classes/{id}/results with one line per trainee, or
/// PUT …/enrolments/{enrolmentId}/result for one. Only once the class has started; a withdrawn trainee has none.</summary>
public static class RecordResults
{
    public sealed record Line(long EnrolmentId, bool Passed, decimal? Score);
    public sealed record Command(List<Line> Results, DateOnly? AssessedOn = null);
    public sealed record One(bool Passed, decimal? Score, DateOnly? AssessedOn = null);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Results).NotEmpty().WithMessage("请提供考核结果（results）");
            RuleForEach(x => x.Results).Must(l => l is not null).WithMessage("考核结果不能为空")
                .Must(l => l is null || l.Score is null or (>= 0 and <= 100)).WithMessage("考核成绩应在 0 到 100 之间");
        }
    }

    public sealed class OneValidator : AbstractValidator<One>
    {
        public OneValidator() => RuleFor(x => x.Score).InclusiveBetween(0, 100).When(x => x.Score is not null).WithMessage("考核成绩应在 0 到 100 之间");
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, IValidator<Command> validator)
    {
        public async Task<Result<List<TraineeView>>> Handle(long classId, Command cmd, CancellationToken ct)
        {
            if (await validator.Refuse(cmd, ct) is { } bad) return bad;
            var today = clock.Today();
            if (cmd.AssessedOn > today) return Result.Invalid("assessedOn", "考核日期不能晚于今天");
            await using var db = await dbs.CreateDbContextAsync(ct);
            var found = await db.FindClassForWriteAsync(classId, user, ct);
            if (!found.IsOk) return found.AsFailure();
            var ids = cmd.Results.Where(r => r is not null).Select(r => r.EnrolmentId).ToArray();
            var certified = (await db.Certificates.Where(c => c.ClassId == classId && c.RevokedUtc == null && c.EnrolmentId != null)
                .Select(c => c.EnrolmentId!.Value).ToListAsync(ct)).ToHashSet();
            var enrolments = await db.Enrolments.Where(e => e.ClassId == classId && EF.Parameter(ids).Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
            var errors = new Dictionary<string, string[]>();
            foreach (var (line, i) in cmd.Results.Select((l, i) => (l, i)))
            {
                if (line is null) { errors[$"results[{i}]"] = ["考核结果不能为空"]; continue; }
                if (!enrolments.TryGetValue(line.EnrolmentId, out var e)) { errors[$"results[{i}]"] = [$"报名记录 {line.EnrolmentId} 不属于本班"]; continue; }
                if (!line.Passed && certified.Contains(e.Id)) { errors[$"results[{i}]"] = ["该学员已凭本班考核取得证书，改为不合格前请先撤销证书"]; continue; }
                if (e.RecordResult(found.Value!, line.Passed, line.Score, cmd.AssessedOn ?? today) is { } r)
                {
                    if (r.Code == "result.invalid_state") return Result.Refused(r);
                    errors[$"results[{i}]"] = [r.Message];
                }
            }
            if (errors.Count > 0) return Result.Invalid(errors);
            await db.SaveChangesAsync(ct);
            return await Roster.LoadAsync(db, classId, today, ct);
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPut("/training/classes/{id:long}/results", async (long id, Command cmd, Handler h, CancellationToken ct) => (await h.Handle(id, cmd, ct)).ToHttp())
            .WithName(nameof(RecordResults)).ProducesValidationProblem().RequireWriters();
        api.MapPut("/training/classes/{id:long}/enrolments/{enrolmentId:long}/result", async (long id, long enrolmentId, One one, Handler h, CancellationToken ct) =>
            {
                var r = await h.Handle(id, new Command([new Line(enrolmentId, one.Passed, one.Score)], one.AssessedOn), ct);
                return r.IsOk ? TypedResults.Ok(r.Value!.Single(t => t.Id == enrolmentId)) : r.ToHttp();
            })
            .WithName("RecordResult").WithValidation<One>().RequireWriters();
    }
}
