using FluentValidation;

namespace CountySkills.Web.Features.Training;

/// <summary>A class's teaching sessions (课次): list, add, change and remove (only before attendance was taken).</summary>
public static class Sessions
{
    public sealed record Input
    {
        public DateOnly Date { get; set; }
        public TimeOnly? StartTime { get; set; }
        public TimeOnly? EndTime { get; set; }
        public decimal Hours { get; set; }
        public string? Topic { get; set; }
        public string? Teacher { get; set; }
        public Guid? Version { get; set; }
    }

    public sealed record View(long Id, long ClassId, DateOnly Date, TimeOnly? StartTime, TimeOnly? EndTime, decimal Hours, string? Topic, string? Teacher,
        bool AttendanceTaken, int Present, int Absent, Guid Version);

    public sealed class Validator : AbstractValidator<Input>
    {
        public Validator()
        {
            RuleFor(x => x.Date).NotEqual(default(DateOnly)).WithMessage("请填写上课日期");
            RuleFor(x => x.Hours).GreaterThan(0).LessThanOrEqualTo(12).WithMessage("课时应大于 0 且不超过 12");
            RuleFor(x => x.EndTime).GreaterThan(x => x.StartTime).When(x => x.StartTime is not null && x.EndTime is not null).WithMessage("下课时间应晚于上课时间");
            RuleFor(x => x.Topic).MaximumLength(200).WithMessage("课程内容不超过 200 个字");
            RuleFor(x => x.Teacher).MaximumLength(50).WithMessage("授课教师不超过 50 个字");
        }
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, IValidator<Input> validator)
    {
        public async Task<Result<List<View>>> List(long classId, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var found = await db.FindClassAsync(classId, user, ct, track: false);
            if (!found.IsOk) return found.AsFailure();
            return await Query(db, db.Sessions.Where(s => s.ClassId == classId)).ToListAsync(ct);
        }

        public async Task<Result<View>> Save(long classId, long? sessionId, Input input, CancellationToken ct)
        {
            if (await validator.Refuse(input, ct) is { } bad) return bad;
            await using var db = await dbs.CreateDbContextAsync(ct);
            var found = await db.FindClassForWriteAsync(classId, user, ct);
            if (!found.IsOk) return found.AsFailure();
            var cls = found.Value!;
            if (cls.Status is ClassStatus.Completed or ClassStatus.Closed) return Result.Refused(new Refusal("session.class_closed", "培训班已结业，不能再增改课次"));
            if (input.Date < cls.StartDate || input.Date > cls.EndDate)
                return Result.Invalid(nameof(Input.Date), $"上课日期应在培训期间（{cls.StartDate:yyyy-MM-dd} 至 {cls.EndDate:yyyy-MM-dd}）内");
            TrainingSession? s;
            if (sessionId is null) { s = new TrainingSession { ClassId = classId }; db.Sessions.Add(s); }
            else
            {
                s = await db.Sessions.SingleOrDefaultAsync(x => x.Id == sessionId && x.ClassId == classId, ct);
                if (s is null) return Result.NotFound("本班没有该课次");
                if (input.Version is not { } v) return Result.Invalid("version", "请提供所编辑记录的版本号（version）");
                if (s.AttendanceTakenUtc is not null && s.Date != input.Date) return Result.Refused(new Refusal("session.attendance_taken", "该课次已考勤，不能改日期"));
                db.Entry(s).Property(x => x.Version).OriginalValue = v;
            }
            (s.Date, s.StartTime, s.EndTime, s.Hours, s.Topic, s.Teacher) = (input.Date, input.StartTime, input.EndTime, input.Hours, input.Topic?.Trim(), input.Teacher?.Trim());
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateConcurrencyException) { return Result.Conflict("该课次已被他人修改，请刷新后重试"); }
            return await Query(db, db.Sessions.Where(x => x.Id == s.Id)).SingleAsync(ct);
        }

        public async Task<Result<bool>> Delete(long sessionId, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var s = await db.Sessions.SingleOrDefaultAsync(x => x.Id == sessionId, ct);
            if (s is null) return Result.NotFound("没有找到该课次");
            var found = await db.FindClassForWriteAsync(s.ClassId, user, ct);
            if (!found.IsOk) return found.AsFailure();
            if (s.AttendanceTakenUtc is not null) return Result.Refused(new Refusal("session.attendance_taken", "该课次已考勤，不能删除"));
            if (found.Value!.Status is ClassStatus.Completed or ClassStatus.Closed) return Result.Refused(new Refusal("session.class_closed", "培训班已结业，课次不能再变动"));
            db.Sessions.Remove(s);
            await db.SaveChangesAsync(ct);
            return true;
        }

        static IQueryable<View> Query(AppDbContext db, IQueryable<TrainingSession> sessions) =>
            sessions.OrderBy(s => s.Date).ThenBy(s => s.StartTime).ThenBy(s => s.Id).Select(s => new View(s.Id, s.ClassId, s.Date, s.StartTime, s.EndTime, s.Hours,
                s.Topic, s.Teacher, s.AttendanceTakenUtc != null,
                db.Attendance.Count(a => a.SessionId == s.Id && a.Present), db.Attendance.Count(a => a.SessionId == s.Id && !a.Present), s.Version));
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/training/classes/{id:long}/sessions", async (long id, Handler h, CancellationToken ct) => (await h.List(id, ct)).ToHttp())
            .WithName("ListSessions").RequireReaders();
        api.MapPost("/training/classes/{id:long}/sessions", async (long id, Input input, Handler h, CancellationToken ct) =>
                (await h.Save(id, null, input, ct)).ToHttp(v => TypedResults.Created($"/api/training/sessions/{v.Id}", v)))
            .WithName("AddSession").ProducesValidationProblem().RequireWriters();
        api.MapPut("/training/classes/{id:long}/sessions/{sessionId:long}", async (long id, long sessionId, Input input, Handler h, CancellationToken ct) =>
                (await h.Save(id, sessionId, input, ct)).ToHttp())
            .WithName("UpdateSession").ProducesValidationProblem().RequireWriters();
        api.MapDelete("/training/sessions/{id:long}", async (long id, Handler h, CancellationToken ct) => (await h.Delete(id, ct)).ToHttp(_ => TypedResults.NoContent()))
            .WithName("DeleteSession").RequireWriters();
    }
}
