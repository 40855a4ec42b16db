using FluentValidation;

namespace CountySkills.Web.Features.Employment;

/// <summary>Writing (POST /api/employment/cases) or editing (PUT …/{id}, with version) a typical case of a person in the ledger. County staff.</summary>
public static class SaveCase
{
    public sealed class Input
    {
        public long PersonId { get; set; }
        public string Title { get; set; } = "";
        public string Story { get; set; } = "";
        public long? BrandId { get; set; }
        public Guid? Version { get; set; }

        public static Input Of(ListCases.View c) => new() { PersonId = c.PersonId, Title = c.Title, Story = c.Story, BrandId = c.BrandId, Version = c.Version };
    }

    public sealed class Validator : AbstractValidator<Input>
    {
        public Validator()
        {
            RuleFor(x => x.PersonId).GreaterThan(0).WithMessage("请选择案例人物");
            RuleFor(x => x.Title).NotEmpty().WithMessage("请填写标题").MaximumLength(200).WithMessage("标题不超过 200 个字");
            RuleFor(x => x.Story).NotEmpty().WithMessage("请填写案例内容").MaximumLength(8000).WithMessage("案例内容不超过 8000 字");
        }
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, IValidator<Input> validator, CurrentUser user, TimeProvider clock, ListCases.Handler list)
    {
        public async Task<Result<ListCases.View>> Handle(long? id, Input input, CancellationToken ct)
        {
            if (await validator.Refuse(input, ct) is { } bad) return bad;
            await using var db = await dbs.CreateDbContextAsync(ct);
            if (!await db.People.AnyAsync(p => p.Id == input.PersonId, ct)) return Result.Invalid("personId", "台账中没有此人");
            if (input.BrandId is { } b && !await db.Brands.AnyAsync(x => x.Id == b, ct)) return Result.Invalid("brandId", "没有找到该品牌");
            TypicalCase? c;
            if (id is null) db.Cases.Add(c = new TypicalCase { Title = "", Story = "", CreatedUtc = clock.GetUtcNow().UtcDateTime, CreatedBy = user.UserName });
            else
            {
                if (input.Version is not { } v) return Result.Invalid("version", "请提供所编辑记录的版本号（version）");
                c = await db.Cases.SingleOrDefaultAsync(x => x.Id == id, ct);
                if (c is null) return Result.NotFound("没有找到该案例");
                db.Entry(c).Property(x => x.Version).OriginalValue = v;
            }
            (c.PersonId, c.Title, c.Story, c.BrandId) = (input.PersonId, input.Title.Trim(), input.Story.Trim(), input.BrandId);
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateConcurrencyException) { return Result.Conflict("该案例已被他人修改，请刷新后重试"); }
            return (await list.List(c.Id, ct)).Single();
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/employment/cases", async (Input input, Handler h, CancellationToken ct) =>
                (await h.Handle(null, input, ct)).ToHttp(v => TypedResults.Created($"/api/employment/cases/{v.Id}", v)))
            .WithName("CreateCase").WithValidation<Input>().RequireWorkCounty();
        api.MapPut("/employment/cases/{id:long}", async (long id, Input input, Handler h, CancellationToken ct) => (await h.Handle(id, input, ct)).ToHttp())
            .WithName("UpdateCase").WithValidation<Input>().RequireWorkCounty();
    }
}
