using FluentValidation;

namespace CountySkills.Web.Features.Employment;

/// <summary>Recording (POST /api/employment/events) or editing (PUT …/{id}, with version) a send-off, job fair or briefing: who came, what was offered,
/// who signed. County staff.</summary>
public static class SaveEvent
{
    public sealed class Input
    {
        public string Title { get; set; } = "";
        public EventKind Kind { get; set; } = EventKind.JobFair;
        public DateOnly Date { get; set; }
        public string Place { get; set; } = "";
        public int Participants { get; set; }
        public string? EmployersPresent { get; set; }
        public int JobsOffered { get; set; }
        public int PeopleSigned { get; set; }
        public string? Note { get; set; }
        public Guid? Version { get; set; }

        public static Input Of(ListEvents.View e) => new()
        {
            Title = e.Title, Kind = e.Kind, Date = e.Date, Place = e.Place, Participants = e.Participants, EmployersPresent = e.EmployersPresent,
            JobsOffered = e.JobsOffered, PeopleSigned = e.PeopleSigned, Note = e.Note, Version = e.Version,
        };
    }

    public sealed class Validator : AbstractValidator<Input>
    {
        public Validator()
        {
            RuleFor(x => x.Title).NotEmpty().WithMessage("请填写活动名称").MaximumLength(200).WithMessage("活动名称不超过 200 个字");
            RuleFor(x => x.Kind).IsInEnum().WithMessage("活动类别应为 欢送仪式、招聘会 或 政策宣讲");
            RuleFor(x => x.Date).NotEqual(default(DateOnly)).WithMessage("请填写活动日期");
            RuleFor(x => x.Place).NotEmpty().WithMessage("请填写地点").MaximumLength(200).WithMessage("地点不超过 200 个字");
            RuleFor(x => x.Participants).InclusiveBetween(0, 1_000_000).WithMessage("参加人数应为 0 至 1,000,000");
            RuleFor(x => x.JobsOffered).InclusiveBetween(0, 1_000_000).WithMessage("提供岗位数应为 0 至 1,000,000");
            RuleFor(x => x.PeopleSigned).InclusiveBetween(0, 1_000_000).WithMessage("达成意向人数应为 0 至 1,000,000")
                .LessThanOrEqualTo(x => Math.Max(x.Participants, x.JobsOffered)).WithMessage("达成意向人数不能多于参加人数和岗位数");
            RuleFor(x => x.EmployersPresent).MaximumLength(2000).WithMessage("参会单位不超过 2000 个字");
            RuleFor(x => x.Note).MaximumLength(2000).WithMessage("备注不超过 2000 个字");
        }
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, IValidator<Input> validator, CurrentUser user, TimeProvider clock)
    {
        public async Task<Result<ListEvents.View>> Handle(long? id, Input input, CancellationToken ct)
        {
            if (await validator.Refuse(input, ct) is { } bad) return bad;
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
            return ListEvents.View.Of(e);
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/employment/events", async (Input input, Handler h, CancellationToken ct) =>
                (await h.Handle(null, input, ct)).ToHttp(v => TypedResults.Created($"/api/employment/events/{v.Id}", v)))
            .WithName("CreateEvent").WithValidation<Input>().RequireWorkCounty();
        api.MapPut("/employment/events/{id:long}", async (long id, Input input, Handler h, CancellationToken ct) => (await h.Handle(id, input, ct)).ToHttp())
            .WithName("UpdateEvent").WithValidation<Input>().RequireWorkCounty();
    }
}
