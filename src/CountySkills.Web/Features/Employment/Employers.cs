using CountySkills.Web.Infrastructure.Auth;
using FluentValidation;

namespace CountySkills.Web.Features.Employment;

/// <summary>Partner employers (合作用工单位): list, read, create, edit (county staff). Employer staff see and edit only their own contact details.</summary>
public static class Employers
{
    public sealed record View(long Id, string Name, string CreditCode, EmployerKind Kind, string KindName, string? Industry, string? Province, string? City,
        string? Address, string? ContactName, string? ContactPhone, AgencyGrade? AgencyGrade, string? AgencyGradeName, Guid Version)
    {
        public static View Of(Employer e) => new(e.Id, e.Name, e.CreditCode, e.Kind, Words.Of(e.Kind), e.Industry, e.Province, e.City, e.Address, e.ContactName,
            e.ContactPhone, e.AgencyGrade, e.AgencyGrade is { } g ? Words.Of(g) : null, e.Version);
    }

    public sealed record Input
    {
        public string Name { get; set; } = "";
        public string CreditCode { get; set; } = "";
        public EmployerKind Kind { get; set; } = EmployerKind.Other;
        public string? Industry { get; set; }
        public string? Province { get; set; }
        public string? City { get; set; }
        public string? Address { get; set; }
        public string? ContactName { get; set; }
        public string? ContactPhone { get; set; }
        public AgencyGrade? AgencyGrade { get; set; }
        public Guid? Version { get; set; }
    }

    public sealed class Validator : AbstractValidator<Input>
    {
        public Validator()
        {
            RuleFor(x => x.Name).NotEmpty().WithMessage("请填写单位名称").MaximumLength(100).WithMessage("单位名称不超过 100 个字");
            RuleFor(x => x.CreditCode).Must(c => Domain.CreditCode.TryParse(c, out _, out _))
                .WithMessage(x => Domain.CreditCode.TryParse(x.CreditCode, out _, out var e) ? "" : e!).WithErrorCode("credit_code.invalid");
            RuleFor(x => x.Kind).IsInEnum().WithMessage("单位类别无效");
            RuleFor(x => x.AgencyGrade).IsInEnum().WithMessage("机构等级应为 A 至 AAAAA");
            RuleFor(x => x.Industry).MaximumLength(50).WithMessage("行业不超过 50 个字");
            RuleFor(x => x.Province).MaximumLength(30).WithMessage("省份不超过 30 个字");
            RuleFor(x => x.City).MaximumLength(30).WithMessage("城市不超过 30 个字");
            RuleFor(x => x.Address).MaximumLength(200).WithMessage("地址不超过 200 个字");
            RuleFor(x => x.ContactName).MaximumLength(50).WithMessage("联系人不超过 50 个字");
            RuleFor(x => x.ContactPhone).Matches(@"^[0-9\-]{7,20}$").When(x => !string.IsNullOrWhiteSpace(x.ContactPhone)).WithMessage("联系电话应为 7–20 位数字");
        }
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, IValidator<Input> validator, CurrentUser user)
    {
        bool Own(long id) => user.IsInRole(Roles.EmployerStaff) && user.EmployerId == id;

        public async Task<List<View>> List(string? q, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var list = db.Employers.AsNoTracking();
            if (user.IsInRole(Roles.EmployerStaff)) list = list.Where(e => e.Id == (user.EmployerId ?? -1));
            if (!string.IsNullOrWhiteSpace(q)) list = list.Where(e => e.Name.Contains(q.Trim()));
            return (await list.OrderBy(e => e.Id).Take(500).ToListAsync(ct)).Select(View.Of).ToList();
        }

        public async Task<Result<View>> Get(long id, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var e = await db.Employers.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
            if (e is null) return Result.NotFound("没有找到该用工单位");
            return user.SeesEverything || Own(id) || user.IsInRole(Roles.TownshipOfficer) ? View.Of(e) : Result.Forbidden("只能查看本单位的信息");
        }

        public async Task<Result<View>> Save(long? id, Input input, CancellationToken ct)
        {
            if (await validator.Refuse(input, ct) is { } bad) return bad;
            await using var db = await dbs.CreateDbContextAsync(ct);
            var code = Domain.CreditCode.Parse(input.CreditCode).Value;
            Employer? e;
            if (id is null)
            {
                if (!user.IsCounty()) return Result.Forbidden("只有县人社局业务人员可以新增用工单位");
                if (await db.Employers.AnyAsync(x => x.CreditCode == code, ct)) return Result.Conflict($"统一社会信用代码 {code} 的单位已登记");
                e = new Employer { Name = input.Name.Trim(), CreditCode = code };
                db.Employers.Add(e);
            }
            else
            {
                if (input.Version is not { } version) return Result.Invalid("version", "请提供所编辑记录的版本号（version）");
                e = await db.Employers.SingleOrDefaultAsync(x => x.Id == id, ct);
                if (e is null) return Result.NotFound("没有找到该用工单位");
                if (!user.IsCounty() && !Own(e.Id)) return Result.Forbidden("只能修改本单位的信息");
                // The grade is the county's to give: employer staff leave it as it is whatever they send.
                if (!user.IsCounty()) input.AgencyGrade = e.AgencyGrade;
                if (!user.IsCounty() && (code != e.CreditCode || input.Name.Trim() != e.Name || input.Kind != e.Kind))
                    return Result.Forbidden("单位名称、信用代码、类别和机构等级由县人社局维护；单位可修改地址和联系人");
                if (code != e.CreditCode && await db.Employers.AnyAsync(x => x.CreditCode == code, ct))
                    return Result.Conflict($"统一社会信用代码 {code} 已属于另一单位");
                db.Entry(e).Property(x => x.Version).OriginalValue = version;
                (e.Name, e.CreditCode) = (input.Name.Trim(), code);
            }
            (e.Kind, e.Industry, e.Province, e.City, e.Address, e.ContactName, e.ContactPhone, e.AgencyGrade) =
                (input.Kind, input.Industry?.Trim(), input.Province?.Trim(), input.City?.Trim(), input.Address?.Trim(), input.ContactName?.Trim(), input.ContactPhone?.Trim(), input.AgencyGrade);
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateConcurrencyException) { return Result.Conflict("该单位信息已被他人修改，请刷新后重试"); }
            catch (DbUpdateException x) when (DbErrors.IsUniqueViolation(x)) { return Result.Conflict($"统一社会信用代码 {code} 的单位已登记"); }
            return View.Of(e);
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/employment/employers", (string? q, Handler h, CancellationToken ct) => h.List(q, ct)).WithName("ListEmployers")
            .WithSummary("Partner employers (employer staff: their own)").RequireWorkReaders();
        api.MapGet("/employment/employers/{id:long}", async (long id, Handler h, CancellationToken ct) => (await h.Get(id, ct)).ToHttp())
            .WithName("GetEmployer").RequireWorkReaders();
        api.MapPost("/employment/employers", async (Input input, Handler h, CancellationToken ct) =>
                (await h.Save(null, input, ct)).ToHttp(v => TypedResults.Created($"/api/employment/employers/{v.Id}", v)))
            .WithName("CreateEmployer").WithValidation<Input>().RequireWorkCounty().WithSummary("Register a partner employer (credit code checked)");
        api.MapPut("/employment/employers/{id:long}", async (long id, Input input, Handler h, CancellationToken ct) => (await h.Save(id, input, ct)).ToHttp())
            .WithName("UpdateEmployer").WithValidation<Input>().RequirePermission(Perm.EmployersEdit)
            .WithSummary("Edit an employer (with version; employer staff: their own contact details)");
    }
}
