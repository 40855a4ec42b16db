using FluentValidation;

namespace CountySkills.Web.Features.Employment;

/// <summary>Send-off ceremonies, job fairs and briefings: GET/POST/PUT /api/employment/events (county staff write; employment readers read).</summary>
public static class Events
{
    public sealed record View(long Id, string Title, EventKind Kind, string KindName, DateOnly Date, string Place, int Participants, string? EmployersPresent,
        int JobsOffered, int PeopleSigned, string? Note, Guid Version);

    public sealed record Input(string Title, EventKind Kind, DateOnly Date, string Place, int Participants, string? EmployersPresent, int JobsOffered, int PeopleSigned,
        string? Note, Guid? Version);

    public sealed class Validator : AbstractValidator<Input>
    {
        public Validator()
        {
            RuleFor(x => x.Title).NotEmpty().WithMessage("请填写活动名称").MaximumLength(200);
            RuleFor(x => x.Kind).IsInEnum().WithMessage("活动类别应为 欢送仪式、招聘会 或 政策宣讲");
            RuleFor(x => x.Place).NotEmpty().WithMessage("请填写地点").MaximumLength(200);
            RuleFor(x => x.Participants).InclusiveBetween(0, 1_000_000).WithMessage("参加人数应为 0 至 1,000,000");
            RuleFor(x => x.JobsOffered).InclusiveBetween(0, 1_000_000).WithMessage("提供岗位数应为 0 至 1,000,000");
            RuleFor(x => x.PeopleSigned).InclusiveBetween(0, 1_000_000).WithMessage("达成意向人数应为 0 至 1,000,000")
                .LessThanOrEqualTo(x => Math.Max(x.Participants, x.JobsOffered)).WithMessage("达成意向人数不能多于参加人数和岗位数");
            RuleFor(x => x.EmployersPresent).MaximumLength(2000);
            RuleFor(x => x.Note).MaximumLength(2000);
        }
    }

    static View Of(LabourEvent e) => new(e.Id, e.Title, e.Kind, Words.Of(e.Kind), e.Date, e.Place, e.Participants, e.EmployersPresent, e.JobsOffered, e.PeopleSigned, e.Note, e.Version);

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock)
    {
        public async Task<List<View>> List(int? year, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var q = db.Events.AsNoTracking();
            if (year is { } y) q = q.Where(e => e.Date >= new DateOnly(Math.Clamp(y, 1, 9998), 1, 1) && e.Date <= new DateOnly(Math.Clamp(y, 1, 9998), 12, 31));
            return (await q.OrderByDescending(e => e.Date).Take(500).ToListAsync(ct)).Select(Of).ToList();
        }

        public async Task<Result<View>> Save(long? id, Input input, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            LabourEvent? e;
            if (id is null) db.Events.Add(e = new LabourEvent { Title = "", Place = "", CreatedUtc = clock.GetUtcNow().UtcDateTime, CreatedBy = user.UserName });
            else
            {
                if (input.Version is not { } v) return Result.Invalid("version", "请提供所编辑记录的版本号（version）");
                e = await db.Events.SingleOrDefaultAsync(x => x.Id == id, ct);
                if (e is null) return Result.NotFound("没有找到该活动");
                db.Entry(e).Property(x => x.Version).OriginalValue = v;
            }
            (e.Title, e.Kind, e.Date, e.Place, e.Participants, e.EmployersPresent, e.JobsOffered, e.PeopleSigned, e.Note) = (input.Title.Trim(), input.Kind, input.Date,
                input.Place.Trim(), input.Participants, input.EmployersPresent?.Trim(), input.JobsOffered, input.PeopleSigned, input.Note?.Trim());
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateConcurrencyException) { return Result.Conflict("该活动已被他人修改，请刷新后重试"); }
            return Of(e);
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/employment/events", (int? year, Handler h, CancellationToken ct) => h.List(year, ct)).WithName("ListEvents")
            .WithSummary("Send-off ceremonies, job fairs and briefings").RequireWorkReaders();
        api.MapPost("/employment/events", async (Input input, Handler h, CancellationToken ct) =>
                (await h.Save(null, input, ct)).ToHttp(v => TypedResults.Created($"/api/employment/events/{v.Id}", v)))
            .WithName("CreateEvent").WithValidation<Input>().RequireWorkCounty();
        api.MapPut("/employment/events/{id:long}", async (long id, Input input, Handler h, CancellationToken ct) => (await h.Save(id, input, ct)).ToHttp())
            .WithName("UpdateEvent").WithValidation<Input>().RequireWorkCounty();
    }
}
