using FluentValidation;

namespace CountySkills.Web.Features.Employment;

/// <summary>Labour cooperation bases (劳务协作基地) in partner cities: list, create, edit (county staff).</summary>
public static class LabourBases
{
    public sealed record View(long Id, string Name, string Province, string City, string? Address, string? ContactName, string? ContactPhone,
        long? EmployerId, string? EmployerName, string? Note, int PlacedThisYear, Guid Version);

    public sealed record Input(string Name, string Province, string City, string? Address, string? ContactName, string? ContactPhone, long? EmployerId,
        string? Note, Guid? Version);

    public sealed class Validator : AbstractValidator<Input>
    {
        public Validator()
        {
            RuleFor(x => x.Name).NotEmpty().WithMessage("请填写基地名称").MaximumLength(100).WithMessage("基地名称不超过 100 个字");
            RuleFor(x => x.Province).NotEmpty().WithMessage("请填写所在省份").MaximumLength(30);
            RuleFor(x => x.City).NotEmpty().WithMessage("请填写所在城市").MaximumLength(30);
            RuleFor(x => x.Address).MaximumLength(200).WithMessage("地址不超过 200 个字");
            RuleFor(x => x.ContactName).MaximumLength(50).WithMessage("联系人不超过 50 个字");
            RuleFor(x => x.ContactPhone).Matches(@"^[0-9\-]{7,20}$").When(x => !string.IsNullOrWhiteSpace(x.ContactPhone)).WithMessage("联系电话应为 7–20 位数字");
            RuleFor(x => x.Note).MaximumLength(1000).WithMessage("备注不超过 1000 个字");
        }
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, TimeProvider clock)
    {
        public async Task<List<View>> List(CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var (from, to) = (new DateOnly(clock.Today().Year, 1, 1), new DateOnly(clock.Today().Year, 12, 31));
            return await db.LabourBases.AsNoTracking().OrderBy(b => b.Id).Select(b => new View(b.Id, b.Name, b.Province, b.City, b.Address, b.ContactName,
                b.ContactPhone, b.EmployerId, b.Employer!.Name, b.Note,
                db.Placements.Count(p => p.StartDate >= from && p.StartDate <= to && p.City == b.City && (b.EmployerId == null || p.EmployerId == b.EmployerId)), b.Version)).ToListAsync(ct);
        }

        public async Task<Result<View>> Save(long? id, Input input, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            if (input.EmployerId is { } eid && !await db.Employers.AnyAsync(e => e.Id == eid, ct)) return Result.Invalid("employerId", "没有找到该用工单位");
            LabourBase? b;
            if (id is null) db.LabourBases.Add(b = new LabourBase { Name = "", Province = "", City = "" });
            else
            {
                if (input.Version is not { } v) return Result.Invalid("version", "请提供所编辑记录的版本号（version）");
                b = await db.LabourBases.SingleOrDefaultAsync(x => x.Id == id, ct);
                if (b is null) return Result.NotFound("没有找到该劳务协作基地");
                db.Entry(b).Property(x => x.Version).OriginalValue = v;
            }
            (b.Name, b.Province, b.City, b.Address, b.ContactName, b.ContactPhone, b.EmployerId, b.Note) = (input.Name.Trim(), input.Province.Trim(), input.City.Trim(),
                input.Address?.Trim(), input.ContactName?.Trim(), input.ContactPhone?.Trim(), input.EmployerId, input.Note?.Trim());
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateConcurrencyException) { return Result.Conflict("该基地信息已被他人修改，请刷新后重试"); }
            return (await List(ct)).Single(x => x.Id == b.Id);
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/employment/bases", (Handler h, CancellationToken ct) => h.List(ct)).WithName("ListLabourBases")
            .WithSummary("Labour cooperation bases with this year's placements in their city").RequireWorkReaders();
        api.MapPost("/employment/bases", async (Input input, Handler h, CancellationToken ct) =>
                (await h.Save(null, input, ct)).ToHttp(v => TypedResults.Created($"/api/employment/bases/{v.Id}", v)))
            .WithName("CreateLabourBase").WithValidation<Input>().RequireWorkCounty();
        api.MapPut("/employment/bases/{id:long}", async (long id, Input input, Handler h, CancellationToken ct) => (await h.Save(id, input, ct)).ToHttp())
            .WithName("UpdateLabourBase").WithValidation<Input>().RequireWorkCounty();
    }
}
