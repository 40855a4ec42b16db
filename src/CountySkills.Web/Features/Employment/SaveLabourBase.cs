using FluentValidation;

namespace CountySkills.Web.Features.Employment;

/// <summary>Registering (POST /api/employment/bases) or editing (PUT …/{id}, with version) a labour cooperation base. County staff.</summary>
public static class SaveLabourBase
{
    public sealed class Input
    {
        public string Name { get; set; } = "";
        public string Province { get; set; } = "";
        public string City { get; set; } = "";
        public string? Address { get; set; }
        public string? ContactName { get; set; }
        public string? ContactPhone { get; set; }
        public long? EmployerId { get; set; }
        public string? Note { get; set; }
        public Guid? Version { get; set; }

        public static Input Of(ListLabourBases.View b) => new()
        {
            Name = b.Name, Province = b.Province, City = b.City, Address = b.Address, ContactName = b.ContactName, ContactPhone = b.ContactPhone,
            EmployerId = b.EmployerId, Note = b.Note, Version = b.Version,
        };
    }

    public sealed class Validator : AbstractValidator<Input>
    {
        public Validator()
        {
            RuleFor(x => x.Name).NotEmpty().WithMessage("请填写基地名称").MaximumLength(100).WithMessage("基地名称不超过 100 个字");
            RuleFor(x => x.Province).NotEmpty().WithMessage("请填写所在省份").MaximumLength(30).WithMessage("省份不超过 30 个字");
            RuleFor(x => x.City).NotEmpty().WithMessage("请填写所在城市").MaximumLength(30).WithMessage("城市不超过 30 个字");
            RuleFor(x => x.Address).MaximumLength(200).WithMessage("地址不超过 200 个字");
            RuleFor(x => x.ContactName).MaximumLength(50).WithMessage("联系人不超过 50 个字");
            RuleFor(x => x.ContactPhone).Matches(@"^[0-9\-]{7,20}$").When(x => !string.IsNullOrWhiteSpace(x.ContactPhone)).WithMessage("联系电话应为 7–20 位数字");
            RuleFor(x => x.Note).MaximumLength(1000).WithMessage("备注不超过 1000 个字");
        }
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, IValidator<Input> validator, ListLabourBases.Handler list)
    {
        public async Task<Result<ListLabourBases.View>> Handle(long? id, Input input, CancellationToken ct)
        {
            if (await validator.Refuse(input, ct) is { } bad) return bad;
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
            return (await list.List(b.Id, ct)).Single();
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/employment/bases", async (Input input, Handler h, CancellationToken ct) =>
                (await h.Handle(null, input, ct)).ToHttp(v => TypedResults.Created($"/api/employment/bases/{v.Id}", v)))
            .WithName("CreateLabourBase").WithValidation<Input>().RequireWorkCounty();
        api.MapPut("/employment/bases/{id:long}", async (long id, Input input, Handler h, CancellationToken ct) => (await h.Handle(id, input, ct)).ToHttp())
            .WithName("UpdateLabourBase").WithValidation<Input>().RequireWorkCounty();
    }
}
