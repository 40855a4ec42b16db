using CountySkills.Web.Infrastructure.Auth;
using FluentValidation;

namespace CountySkills.Web.Features.Entrepreneurship;

/// <summary>Entrepreneurship incubators (创业孵化园/基地): GET/POST/PUT /api/entrepreneurship/incubators, with the businesses and jobs they host.</summary>
public static class Incubators
{
    public static readonly string[] Readers = Perm.RolesOf(Perm.EntrepreneurshipRead);
    public static readonly string[] Writers = Perm.RolesOf(Perm.EntrepreneurshipWrite);

    public sealed record View(long Id, string Name, IncubatorKind Kind, string KindName, string AreaCode, string? Address, int Capacity, string? Services,
        int Businesses, int Jobs, long SupportFen, Guid Version);

    public sealed record Input(string Name, IncubatorKind Kind, string AreaCode, string? Address, int Capacity, string? Services, Guid? Version);

    public sealed class Validator : AbstractValidator<Input>
    {
        public Validator()
        {
            RuleFor(x => x.Name).NotEmpty().WithMessage("请填写名称").MaximumLength(100).WithMessage("名称不超过 100 个字");
            RuleFor(x => x.Kind).IsInEnum().WithMessage("类别无效");
            RuleFor(x => x.AreaCode).Matches(@"^\d{6}(\d{3}(\d{3})?)?$").WithMessage("所在地区划代码应为 6、9 或 12 位数字");
            RuleFor(x => x.Capacity).InclusiveBetween(0, 100_000).WithMessage("可容纳企业数应为 0 至 100,000");
            RuleFor(x => x.Address).MaximumLength(200);
            RuleFor(x => x.Services).MaximumLength(1000);
        }
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs)
    {
        public async Task<List<View>> List(long? id, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var q = db.Incubators.AsNoTracking();
            if (id is { } one) q = q.Where(i => i.Id == one);
            var rows = await q.OrderBy(i => i.Id).Select(i => new
            {
                I = i, Count = db.Businesses.Count(b => b.IncubatorId == i.Id), Jobs = db.Businesses.Where(b => b.IncubatorId == i.Id).Sum(b => (int?)b.JobsCreated) ?? 0,
                Fen = db.BusinessSupport.Where(s => db.Businesses.Any(b => b.Id == s.BusinessId && b.IncubatorId == i.Id)).Sum(s => (long?)s.AmountFen) ?? 0,
            }).ToListAsync(ct);
            return rows.Select(r => new View(r.I.Id, r.I.Name, r.I.Kind, Words.Of(r.I.Kind), r.I.AreaCode, r.I.Address, r.I.Capacity, r.I.Services, r.Count, r.Jobs, r.Fen, r.I.Version)).ToList();
        }

        public async Task<Result<View>> Save(long? id, Input input, CancellationToken ct)
        {
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
            return (await List(i.Id, ct)).Single();
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/entrepreneurship/incubators", (Handler h, CancellationToken ct) => h.List(null, ct)).WithName("ListIncubators")
            .WithSummary("Incubators with the businesses, jobs and support they host").RequirePermission(Perm.EntrepreneurshipRead);
        api.MapPost("/entrepreneurship/incubators", async (Input input, Handler h, CancellationToken ct) =>
                (await h.Save(null, input, ct)).ToHttp(v => TypedResults.Created($"/api/entrepreneurship/incubators/{v.Id}", v)))
            .WithName("CreateIncubator").WithValidation<Input>().RequirePermission(Perm.EntrepreneurshipWrite);
        api.MapPut("/entrepreneurship/incubators/{id:long}", async (long id, Input input, Handler h, CancellationToken ct) => (await h.Save(id, input, ct)).ToHttp())
            .WithName("UpdateIncubator").WithValidation<Input>().RequirePermission(Perm.EntrepreneurshipWrite);
    }
}
