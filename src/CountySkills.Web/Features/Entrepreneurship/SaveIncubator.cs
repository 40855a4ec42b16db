using FluentValidation;

namespace CountySkills.Web.Features.Entrepreneurship;

/// <summary>Registers an incubator (POST /api/entrepreneurship/incubators) or changes one from the version it was read at (PUT …/{id}):
/// name, kind, the area it is in, address, room for businesses, and what it offers (rent reduction, utility subsidies, training …).</summary>
public static class SaveIncubator
{
    public sealed class Input
    {
        public string Name { get; set; } = "";
        public IncubatorKind Kind { get; set; }
        public string AreaCode { get; set; } = "";
        public string? Address { get; set; }
        public int Capacity { get; set; }
        public string? Services { get; set; }
        public Guid? Version { get; set; }

        public static Input From(ListIncubators.View i) => new()
        {
            Name = i.Name, Kind = i.Kind, AreaCode = i.AreaCode, Address = i.Address, Capacity = i.Capacity, Services = i.Services, Version = i.Version,
        };
    }

    public sealed class Validator : AbstractValidator<Input>
    {
        public Validator()
        {
            RuleFor(x => x.Name).NotEmpty().WithMessage("请填写名称").MaximumLength(100).WithMessage("名称不超过 100 个字");
            RuleFor(x => x.Kind).IsInEnum().WithMessage("类别无效");
            RuleFor(x => x.AreaCode).Matches(@"^\d{6}(\d{3}(\d{3})?)?$").WithMessage("所在地区划代码应为 6、9 或 12 位数字");
            RuleFor(x => x.Capacity).InclusiveBetween(0, 100_000).WithMessage("可容纳企业数应为 0 至 100,000");
            RuleFor(x => x.Address).MaximumLength(200).WithMessage("地址不超过 200 个字");
            RuleFor(x => x.Services).MaximumLength(1000).WithMessage("扶持服务不超过 1000 个字");
        }
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, IValidator<Input> validator)
    {
        public async Task<Result<ListIncubators.View>> Save(long? id, Input input, CancellationToken ct)
        {
            if (await validator.Refuse(input, ct) is { } bad) return bad;
            await using var db = await dbs.CreateDbContextAsync(ct);
            if (!await db.Regions.AnyAsync(r => r.Code == input.AreaCode, ct)) return Result.Invalid("areaCode", $"区划代码 {input.AreaCode} 不是已知的地区");
            Incubator? i;
            if (id is null) db.Incubators.Add(i = new Incubator { Name = "", AreaCode = input.AreaCode });
            else
            {
                if (input.Version is not { } v) return Result.Invalid("version", "请提供所编辑记录的版本号（version）");
                i = await db.Incubators.SingleOrDefaultAsync(x => x.Id == id, ct);
                if (i is null) return Result.NotFound("没有找到该孵化园");
                db.Entry(i).Property(x => x.Version).OriginalValue = v;
            }
            (i.Name, i.Kind, i.AreaCode, i.Address, i.Capacity, i.Services) = (input.Name.Trim(), input.Kind, input.AreaCode, input.Address?.Trim(), input.Capacity, input.Services?.Trim());
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateConcurrencyException) { return Result.Conflict("该孵化园信息已被他人修改，请刷新后重试"); }
            return (await ListIncubators.Load(db, i.Id, ct)).Single();
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/entrepreneurship/incubators", async (Input input, Handler h, CancellationToken ct) =>
                (await h.Save(null, input, ct)).ToHttp(v => TypedResults.Created($"/api/entrepreneurship/incubators/{v.Id}", v)))
            .WithName("CreateIncubator").ProducesValidationProblem().RequirePermission(Perm.EntrepreneurshipWrite);
        api.MapPut("/entrepreneurship/incubators/{id:long}", async (long id, Input input, Handler h, CancellationToken ct) => (await h.Save(id, input, ct)).ToHttp())
            .WithName("UpdateIncubator").ProducesValidationProblem().RequirePermission(Perm.EntrepreneurshipWrite);
    }
}
