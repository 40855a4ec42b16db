using FluentValidation;

namespace CountySkills.Web.Features.Training;

/// <summary>
/// On-site inspections (督导检查) of a class: county staff record a visit with findings and, when something must be
/// put right, a deadline; photos are attached; the institution reports its rectification; county staff close it.
/// </summary>
public static class Inspections
{
    public sealed record Input
    {
        public DateOnly VisitedOn { get; set; }
        public string Findings { get; set; } = "";
        public int? TraineesPresent { get; set; }
        public DateOnly? RectifyBy { get; set; }
    }

    public sealed record Note(string Text, Guid? Version = null);

    public sealed record Photo(long Id, string FileName, string ContentType, long Size, DateTime UploadedUtc, string UploadedBy);

    public sealed record View(long Id, long ClassId, DateOnly VisitedOn, string Inspector, string Findings, int? TraineesPresent, DateOnly? RectifyBy,
        InspectionStatus Status, string StatusName, bool Overdue, string? RectificationReport, DateOnly? ClosedOn, string? ClosedBy, string? ClosingNote,
        IReadOnlyList<Photo> Photos, Guid Version);

    public sealed class Validator : AbstractValidator<Input>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(x => x.VisitedOn).NotEqual(default(DateOnly)).WithMessage("请填写检查日期").Must(d => d <= clock.Today()).WithMessage("检查日期不能晚于今天");
            RuleFor(x => x.Findings).NotEmpty().WithMessage("请填写检查发现的情况").MaximumLength(4000).WithMessage("检查情况不超过 4000 个字");
            RuleFor(x => x.TraineesPresent).InclusiveBetween(0, 1000).When(x => x.TraineesPresent is not null).WithMessage("实到人数无效");
            RuleFor(x => x.RectifyBy).GreaterThanOrEqualTo(x => x.VisitedOn).When(x => x.RectifyBy is not null).WithMessage("整改期限不能早于检查日期");
        }
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock)
    {
        public async Task<Result<List<View>>> List(long classId, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var found = await db.FindClassAsync(classId, user, ct, track: false);
            if (!found.IsOk) return found.AsFailure();
            var list = await db.Inspections.AsNoTracking().Where(i => i.ClassId == classId).OrderByDescending(i => i.VisitedOn).ThenByDescending(i => i.Id).ToListAsync(ct);
            var ids = list.Select(i => i.Id).ToArray();
            var photos = (await db.Attachments.AsNoTracking().Where(a => EF.Parameter(ids).Contains(a.InspectionId))
                    .Select(a => new { a.InspectionId, P = new Photo(a.Id, a.FileName, a.ContentType, a.Size, a.UploadedUtc, a.UploadedBy) }).ToListAsync(ct))
                .ToLookup(x => x.InspectionId, x => x.P);
            return list.Select(i => ViewOf(i, photos[i.Id].ToList())).ToList();
        }

        public async Task<Result<View>> Record(long classId, Input input, CancellationToken ct)
        {
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
            return ViewOf(i, []);
        }

        public async Task<Result<View>> Act(long id, string action, Note note, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var i = await db.Inspections.SingleOrDefaultAsync(x => x.Id == id, ct);
            if (i is null) return Result.NotFound("没有找到该检查记录");
            var found = await db.FindClassForWriteAsync(i.ClassId, user, ct);
            if (!found.IsOk) return found.AsFailure();
            if (note.Version is { } v) db.Entry(i).Property(x => x.Version).OriginalValue = v;
            if (action == "close")
            {
                if (!user.IsCounty()) return Result.Forbidden("检查的办结由县人社局业务人员确认");
                if (i.Close(note.Text, user.DisplayName, clock.Today()) is { } r) return r.Code == "inspection.note_required" ? Result.Refused(r, "text") : Result.Refused(r);
            }
            else
            {
                if (i.Status == InspectionStatus.Closed) return Result.Refused(new Refusal("inspection.closed", "该检查已办结"));
                if (string.IsNullOrWhiteSpace(note.Text) || note.Text.Length > 4000) return Result.Invalid("text", "请填写整改情况（不超过 4000 字）");
                i.RectificationReport = note.Text.Trim();
            }
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateConcurrencyException) { return Result.Conflict("该检查记录已被他人修改，请刷新后重试"); }
            return (await List(i.ClassId, ct)).Value!.Single(x => x.Id == id);
        }

        View ViewOf(Inspection i, IReadOnlyList<Photo> photos) => new(i.Id, i.ClassId, i.VisitedOn, i.Inspector, i.Findings, i.TraineesPresent, i.RectifyBy,
            i.Status, Words.Of(i.Status), i.Overdue(clock.Today()), i.RectificationReport, i.ClosedOn, i.ClosedBy, i.ClosingNote, photos, i.Version);
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/training/classes/{id:long}/inspections", async (long id, Handler h, CancellationToken ct) => (await h.List(id, ct)).ToHttp())
            .WithName("ListInspections").RequireReaders();
        api.MapPost("/training/classes/{id:long}/inspections", async (long id, Input input, Handler h, CancellationToken ct) =>
                (await h.Record(id, input, ct)).ToHttp(v => TypedResults.Created($"/api/training/inspections/{v.Id}", v)))
            .WithName("RecordInspection").WithValidation<Input>().RequireCounty();
        api.MapPost("/training/inspections/{id:long}/rectification", async (long id, Note note, Handler h, CancellationToken ct) => (await h.Act(id, "rectify", note, ct)).ToHttp())
            .WithName("ReportRectification").RequireWriters();
        api.MapPost("/training/inspections/{id:long}/close", async (long id, Note note, Handler h, CancellationToken ct) => (await h.Act(id, "close", note, ct)).ToHttp())
            .WithName("CloseInspection").RequireCounty();
    }
}
