using FluentValidation;

namespace CountySkills.Web.Features.Training;

/// <summary>Training institutions (培训机构): list, read, create and edit (county staff; an institution keeps its own
/// contact details but cannot put itself on the catalogue).</summary>
public static class Institutions
{
    public sealed record View(long Id, string Name, string CreditCode, InstitutionKind Kind, string KindName, string AreaCode, string? Address,
        string? Majors, int? Capacity, string? ContactName, string? ContactPhone, bool OnCatalogue, Guid Version)
    {
        public static View Of(Institution i) => new(i.Id, i.Name, i.CreditCode, i.Kind, Words.Of(i.Kind), i.AreaCode, i.Address, i.Majors,
            i.Capacity, i.ContactName, i.ContactPhone, i.OnCatalogue, i.Version);
    }

    public sealed record Input
    {
        public string Name { get; set; } = "";
        public string CreditCode { get; set; } = "";
        public InstitutionKind Kind { get; set; } = InstitutionKind.PrivateSchool;
        public string AreaCode { get; set; } = "";
        public string? Address { get; set; }
        public string? Majors { get; set; }
        public int? Capacity { get; set; }
        public string? ContactName { get; set; }
        public string? ContactPhone { get; set; }
        public bool OnCatalogue { get; set; }
        public Guid? Version { get; set; }
    }

    public sealed class Validator : AbstractValidator<Input>
    {
        public Validator()
        {
            RuleFor(x => x.Name).NotEmpty().WithMessage("请填写机构名称").MaximumLength(100).WithMessage("机构名称不超过 100 个字");
            RuleFor(x => x.CreditCode).Must(c => Domain.CreditCode.TryParse(c, out _, out _))
                .WithMessage(x => Domain.CreditCode.TryParse(x.CreditCode, out _, out var e) ? "" : e!).WithErrorCode("credit_code.invalid");
            RuleFor(x => x.Kind).IsInEnum().WithMessage("机构类别无效");
            RuleFor(x => x.AreaCode).Matches(@"^\d{6}(\d{3}(\d{3})?)?$").WithMessage("所在地区划代码应为 6、9 或 12 位数字");
            RuleFor(x => x.Address).MaximumLength(200).WithMessage("地址不超过 200 个字");
            RuleFor(x => x.Majors).MaximumLength(500).WithMessage("培训专业不超过 500 个字");
            RuleFor(x => x.Capacity).InclusiveBetween(1, 100_000).When(x => x.Capacity is not null).WithMessage("培训能力应为正整数");
            RuleFor(x => x.ContactName).MaximumLength(50).WithMessage("联系人不超过 50 个字");
            RuleFor(x => x.ContactPhone).Matches(@"^[0-9\-]{7,20}$").When(x => !string.IsNullOrWhiteSpace(x.ContactPhone)).WithMessage("联系电话应为 7–20 位数字");
        }
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, IValidator<Input> validator)
    {
        public async Task<List<View>> List(CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var q = db.Institutions.AsNoTracking();
            if (user.IsInRole(Infrastructure.Auth.Roles.InstitutionStaff)) q = q.Where(i => i.Id == (user.InstitutionId ?? -1));
            else if (user.AreaLimit() is { } limit) q = q.Where(Scope.AreaPrefix<Institution>(limit));
            return (await q.OrderBy(i => i.Id).ToListAsync(ct)).Select(View.Of).ToList();
        }

        public async Task<Result<View>> Get(long id, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var i = await db.Institutions.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
            if (i is null || !user.InArea(i.AreaCode)) return Result.NotFound("没有找到该培训机构");
            return user.Owns(i.Id) ? View.Of(i) : Result.Forbidden("只能查看本机构的信息");
        }

        public async Task<Result<View>> Save(long? id, Input input, CancellationToken ct)
        {
            if (await validator.Refuse(input, ct) is { } bad) return bad;
            await using var db = await dbs.CreateDbContextAsync(ct);
            var code = Domain.CreditCode.Parse(input.CreditCode).Value;
            if (!await db.Regions.AnyAsync(r => r.Code == input.AreaCode, ct))
                return Result.Invalid(nameof(Input.AreaCode), $"区划代码 {input.AreaCode} 不是已知的地区");
            Institution? i;
            if (id is null)
            {
                if (!user.IsCounty()) return Result.Forbidden("只有县人社局业务人员可以新增培训机构");
                if (await db.Institutions.AnyAsync(x => x.CreditCode == code, ct)) return Result.Conflict($"统一社会信用代码 {code} 的机构已登记");
                i = new Institution { Name = input.Name.Trim(), CreditCode = code, AreaCode = input.AreaCode };
                db.Institutions.Add(i);
            }
            else
            {
                if (input.Version is not { } version) return Result.Invalid("version", "请提供所编辑记录的版本号（version）");
                i = await db.Institutions.SingleOrDefaultAsync(x => x.Id == id, ct);
                if (i is null || !user.InArea(i.AreaCode)) return Result.NotFound("没有找到该培训机构");
                if (!user.IsCounty() && !(user.IsInRole(Infrastructure.Auth.Roles.InstitutionStaff) && user.InstitutionId == i.Id))
                    return Result.Forbidden("只能修改本机构的信息");
                if (code != i.CreditCode && await db.Institutions.AnyAsync(x => x.CreditCode == code, ct))
                    return Result.Conflict($"统一社会信用代码 {code} 已属于另一机构");
                db.Entry(i).Property(x => x.Version).OriginalValue = version;
                if (!user.IsCounty() && (input.OnCatalogue != i.OnCatalogue || code != i.CreditCode || input.Name.Trim() != i.Name || input.AreaCode != i.AreaCode || input.Kind != i.Kind))
                    return Result.Forbidden("机构名称、信用代码、类别、所在地和是否列入补贴目录由县人社局维护；机构可修改地址、专业、培训能力和联系人");
                (i.Name, i.CreditCode, i.AreaCode) = (input.Name.Trim(), code, input.AreaCode);
            }
            (i.Kind, i.Address, i.Majors, i.Capacity, i.ContactName, i.ContactPhone, i.OnCatalogue) =
                (input.Kind, input.Address?.Trim(), input.Majors?.Trim(), input.Capacity, input.ContactName?.Trim(), input.ContactPhone?.Trim(), input.OnCatalogue);
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateConcurrencyException) { return Result.Conflict("该机构信息已被他人修改，请刷新后重试"); }
            return View.Of(i);
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/training/institutions", (Handler h, CancellationToken ct) => h.List(ct)).WithName("ListInstitutions").RequireReaders();
        api.MapGet("/training/institutions/{id:long}", async (long id, Handler h, CancellationToken ct) => (await h.Get(id, ct)).ToHttp())
            .WithName("GetInstitution").RequireReaders();
        api.MapPost("/training/institutions", async (Input input, Handler h, CancellationToken ct) =>
                (await h.Save(null, input, ct)).ToHttp(v => TypedResults.Created($"/api/training/institutions/{v.Id}", v)))
            .WithName("CreateInstitution").ProducesValidationProblem().RequireCounty();
        api.MapPut("/training/institutions/{id:long}", async (long id, Input input, Handler h, CancellationToken ct) => (await h.Save(id, input, ct)).ToHttp())
            .WithName("UpdateInstitution").ProducesValidationProblem().RequireWriters();
    }
}
