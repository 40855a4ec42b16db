using FluentValidation;

namespace CountySkills.Web.Features.Training;

/// <summary>
/// Takes a session's attendance for the whole roster (PUT or POST /api/training/sessions/{id}/attendance): `records`
/// per trainee (enrolmentId or idNumber, present), or `present` / `absent` lists of enrolment ids, or `allPresent`.
/// Trainees the request does not mention are recorded absent unless `allPresent` is true. Taking it again replaces it.
/// </summary>
public static class RecordAttendance
{
    public sealed record Mark(long? EnrolmentId, string? IdNumber, bool Present, string? Note = null);

    public sealed record Command
    {
        public List<Mark>? Records { get; set; }
        public List<long>? Present { get; set; }
        public List<long>? Absent { get; set; }
        public bool AllPresent { get; set; }
    }

    public sealed record Line(long EnrolmentId, long PersonId, string Name, string IdNumber, bool? Present, string? Note);
    public sealed record Sheet(long SessionId, long ClassId, DateOnly Date, bool Taken, int Present, int Absent, IReadOnlyList<Line> Lines);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x).Must(x => x.Records is not null || x.Present is not null || x.Absent is not null || x.AllPresent)
                .OverridePropertyName("records").WithMessage("请提供考勤记录（records，或 present / absent 名单，或 allPresent）");
            RuleForEach(x => x.Records).Must(m => m is not null && (m.EnrolmentId is not null || !string.IsNullOrWhiteSpace(m.IdNumber)))
                .WithMessage("每条考勤记录须有 enrolmentId 或 idNumber");
            RuleForEach(x => x.Records).Must(m => m is null || (m.Note?.Length ?? 0) <= 100).WithMessage("考勤备注不超过 100 个字");
        }
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, IValidator<Command> validator)
    {
        public async Task<Result<Sheet>> Get(long sessionId, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var s = await db.Sessions.AsNoTracking().SingleOrDefaultAsync(x => x.Id == sessionId, ct);
            if (s is null) return Result.NotFound("没有找到该课次");
            var found = await db.FindClassAsync(s.ClassId, user, ct, track: false);
            return found.IsOk ? await LoadAsync(db, s, ct) : found.AsFailure();
        }

        public async Task<Result<Sheet>> Handle(long sessionId, Command cmd, CancellationToken ct)
        {
            if (await validator.Refuse(cmd, ct) is { } bad) return bad;
            await using var db = await dbs.CreateDbContextAsync(ct);
            var s = await db.Sessions.SingleOrDefaultAsync(x => x.Id == sessionId, ct);
            if (s is null) return Result.NotFound("没有找到该课次");
            var found = await db.FindClassForWriteAsync(s.ClassId, user, ct);
            if (!found.IsOk) return found.AsFailure();
            if ((CanTake(found.Value!, s, clock.Today()) ?? await LockedAsync(db, s.ClassId, ct)) is { } refusal) return Result.Refused(refusal);
            var roster = await db.Enrolments.Where(e => e.ClassId == s.ClassId && e.Status == EnrolmentStatus.Active)
                .Select(e => new { e.Id, e.Person!.IdNumber }).ToListAsync(ct);
            var byId = roster.ToDictionary(r => r.Id);
            var byIdNumber = roster.ToDictionary(r => r.IdNumber, r => r.Id);
            var marks = new Dictionary<long, (bool Present, string? Note)>();
            var errors = new Dictionary<string, string[]>();
            foreach (var (m, i) in (cmd.Records ?? []).Select((m, i) => (m, i)))
            {
                long? eid = m.EnrolmentId is { } e && byId.ContainsKey(e) ? e
                    : m.IdNumber is { } t && IdNumber.TryParse(t, null, out var idn, out _) && byIdNumber.TryGetValue(idn.Value, out var viaId) ? viaId : null;
                if (eid is null) errors[$"records[{i}]"] = ["该学员不在本班在册名单中"];
                else marks[eid.Value] = (m.Present, m.Note?.Trim());
            }
            foreach (var (list, present, name) in new[] { (cmd.Present, true, "present"), (cmd.Absent, false, "absent") })
                foreach (var (e, i) in (list ?? []).Select((e, i) => (e, i)))
                {
                    if (!byId.ContainsKey(e)) errors[$"{name}[{i}]"] = [$"报名记录 {e} 不在本班在册名单中"];
                    else marks[e] = (present, marks.GetValueOrDefault(e).Note);
                }
            if (errors.Count > 0) return Result.Invalid(errors);
            await SaveAsync(db, s, roster.Select(r => r.Id), marks, cmd.AllPresent, ct);
            return await LoadAsync(db, s, ct);
        }

        /// <summary>Writes the marks (unmentioned trainees: absent, or present when <paramref name="restPresent"/>) and marks the session taken.</summary>
        public async Task SaveAsync(AppDbContext db, TrainingSession s, IEnumerable<long> roster, IReadOnlyDictionary<long, (bool Present, string? Note)> marks, bool restPresent, CancellationToken ct)
        {
            var existing = await db.Attendance.Where(a => a.SessionId == s.Id).ToDictionaryAsync(a => a.EnrolmentId, ct);
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var eid in roster)
            {
                var (present, note) = marks.TryGetValue(eid, out var m) ? m : (restPresent, null);
                if (existing.TryGetValue(eid, out var a))
                {
                    if (a.Present == present && a.Note == note) continue;
                    (a.Present, a.Note, a.RecordedUtc, a.RecordedBy) = (present, note, now, user.UserName);
                }
                else db.Attendance.Add(new AttendanceRecord { SessionId = s.Id, EnrolmentId = eid, Present = present, Note = note, RecordedUtc = now, RecordedBy = user.UserName });
            }
            s.AttendanceTakenUtc ??= now;
            await db.SaveChangesAsync(ct);
        }

        /// <summary>Once a class has issued certificates on its results, its attendance is evidence and stays as it is.</summary>
        public static async Task<Refusal?> LockedAsync(AppDbContext db, long classId, CancellationToken ct) =>
            await db.Certificates.AnyAsync(c => c.ClassId == classId && c.RevokedUtc == null, ct)
                ? new Refusal("attendance.locked", "本班已按考核结果发证，考勤记录已锁定；如需更正，请先撤销相关证书") : null;

        public static Refusal? CanTake(TrainingClass cls, TrainingSession s, DateOnly today) =>
            cls.Status is not (ClassStatus.InProgress or ClassStatus.Completed)
                ? new Refusal("attendance.invalid_state", $"培训班当前为“{Zh.Of(cls.Status)}”，开班后才能考勤")
                : s.Date > today ? new Refusal("attendance.future_session", $"课次日期 {s.Date:yyyy-MM-dd} 还没到，不能提前考勤") : null;

        public static async Task<Sheet> LoadAsync(AppDbContext db, TrainingSession s, CancellationToken ct)
        {
            var marks = await db.Attendance.AsNoTracking().Where(a => a.SessionId == s.Id).ToDictionaryAsync(a => a.EnrolmentId, ct);
            var roster = await db.Enrolments.AsNoTracking().Where(e => e.ClassId == s.ClassId && (e.Status == EnrolmentStatus.Active || marks.Keys.Contains(e.Id)))
                .OrderBy(e => e.Id).Select(e => new { e.Id, e.PersonId, e.Person!.Name, e.Person.IdNumber }).ToListAsync(ct);
            var lines = roster.Select(r => new Line(r.Id, r.PersonId, r.Name, IdNumber.Mask(r.IdNumber),
                marks.TryGetValue(r.Id, out var a) ? a.Present : null, marks.GetValueOrDefault(r.Id)?.Note)).ToList();
            return new Sheet(s.Id, s.ClassId, s.Date, s.AttendanceTakenUtc is not null, lines.Count(l => l.Present == true), lines.Count(l => l.Present == false), lines);
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/training/sessions/{id:long}/attendance", async (long id, Handler h, CancellationToken ct) => (await h.Get(id, ct)).ToHttp())
            .WithName("GetAttendance").RequireReaders();
        foreach (var method in new[] { "PUT", "POST" })
            api.MapMethods("/training/sessions/{id:long}/attendance", [method], async (long id, Command cmd, Handler h, CancellationToken ct) => (await h.Handle(id, cmd, ct)).ToHttp())
                .WithName(method == "PUT" ? nameof(RecordAttendance) : nameof(RecordAttendance) + "Post").ProducesValidationProblem().RequireWriters();
    }
}
