using CountySkills.Web.Features.People;
using FluentValidation;

namespace CountySkills.Web.Features.Entrepreneurship;

/// <summary>
/// Registers a business a person of the ledger founded (POST /api/entrepreneurship/businesses; the founder by personId or ID number) or
/// changes one from its version (PUT …/{id}): name, kind, incubator, brand, credit code, start date, jobs created. A founder outside the
/// caller's scope is "not in the ledger" (person.not_in_ledger), as an unknown one; a merged record is refused (person.merged).
/// </summary>
public static class SaveBusiness
{
    public sealed class Input
    {
        public string Name { get; set; } = "";
        public BusinessKind Kind { get; set; }
        public long? FounderId { get; set; }
        public string? FounderIdNumber { get; set; }
        public long? IncubatorId { get; set; }
        public long? BrandId { get; set; }
        public string? RegistrationCode { get; set; }
        public DateOnly StartDate { get; set; }
        public int JobsCreated { get; set; }
        public Guid? Version { get; set; }

        public static Input From(ListBusinesses.View b) => new()
        {
            Name = b.Name, Kind = b.Kind, FounderId = b.FounderId, IncubatorId = b.IncubatorId, BrandId = b.BrandId, RegistrationCode = b.RegistrationCode,
            StartDate = b.StartDate, JobsCreated = b.JobsCreated, Version = b.Version,
        };
    }

    public sealed class Validator : AbstractValidator<Input>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(x => x.Name).NotEmpty().WithMessage("请填写企业（个体户）名称").MaximumLength(100).WithMessage("名称不超过 100 个字");
            RuleFor(x => x.Kind).IsInEnum().WithMessage("类别无效");
            RuleFor(x => x.FounderIdNumber).Must((x, t) => x.FounderId is not null || !string.IsNullOrWhiteSpace(t)).WithMessage("请指明创办人");
            RuleFor(x => x.RegistrationCode).Must(c => CreditCode.TryParse(c, out _, out _)).When(x => !string.IsNullOrWhiteSpace(x.RegistrationCode))
                .WithMessage(x => CreditCode.TryParse(x.RegistrationCode, out _, out var e) ? "" : e!).WithErrorCode("credit_code.invalid");
            RuleFor(x => x.StartDate).Must(d => d.Year >= 1980 && d <= clock.Today()).WithMessage("成立日期应在 1980 年以后且不晚于今天");
            RuleFor(x => x.JobsCreated).InclusiveBetween(0, 100_000).WithMessage("带动就业人数应为 0 至 100,000");
        }
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, People.ExactSearch.Gate search,
        IValidator<Input> validator, ListBusinesses.Handler list)
    {
        public async Task<Result<ListBusinesses.View>> Save(long? id, Input input, CancellationToken ct)
        {
            if (await validator.Refuse(input, ct) is { } bad) return bad;
            await using (var db = await dbs.CreateDbContextAsync(ct))
            {
                if (input.IncubatorId is { } inc && !await db.Incubators.AnyAsync(i => i.Id == inc, ct)) return Result.Invalid("incubatorId", "没有找到该孵化园");
                if (input.BrandId is { } br && !await db.Brands.AnyAsync(b => b.Id == br, ct)) return Result.Invalid("brandId", "没有找到该品牌");
                Business? b;
                if (id is null)
                {
                    var idNumber = input.FounderIdNumber is { } t && IdNumber.TryParse(t, clock.Today(), out var parsed, out _) ? parsed.Value : null;
                    var byIdNumber = input.FounderId is null && idNumber is not null && search.Watches;
                    if (byIdNumber && await search.AdmitAsync(db, ct) is { } throttled) return throttled;
                    var founder = await db.People.AsNoTracking().Where(p => input.FounderId != null ? p.Id == input.FounderId : p.IdNumber == idNumber)
                        .Select(p => new { p.Id, p.AreaCode, p.MergedIntoId }).SingleOrDefaultAsync(ct);
                    // A founder outside the caller's scope is not in the ledger for them (ADR 0015): the same answer as an unknown one.
                    var found = user.FindsIn(founder?.AreaCode);
                    if (byIdNumber) await search.AuditNowAsync(db, idNumber!, found ? founder!.Id : null, founder?.AreaCode, People.ExactSearch.Purpose.Business, ct);
                    if (!found) return Result.Invalid("founderIdNumber", "台账中没有此人，请先登记到劳动力台账") with { Code = "person.not_in_ledger" };
                    if (founder!.MergedIntoId is not null) return Result.Invalid("founderIdNumber", "该记录已合并到另一条记录，请使用保留的记录") with { Code = "person.merged" };
                    if (!user.CanWriteArea(founder.AreaCode)) return Result.Forbidden("只能登记本乡镇人员创办的企业");
                    db.Businesses.Add(b = new Business { Name = "", FounderId = founder.Id, AreaCode = founder.AreaCode });
                }
                else
                {
                    if (input.Version is not { } v) return Result.Invalid("version", "请提供所编辑记录的版本号（version）");
                    b = await db.Businesses.SingleOrDefaultAsync(x => x.Id == id, ct);
                    if (b is null) return Result.NotFound("没有找到该企业");
                    if (!user.CanWriteArea(b.AreaCode)) return Result.Forbidden("该企业不在您的权限范围内");
                    db.Entry(b).Property(x => x.Version).OriginalValue = v;
                }
                (b.Name, b.Kind, b.IncubatorId, b.BrandId, b.RegistrationCode, b.StartDate, b.JobsCreated) = (input.Name.Trim(), input.Kind, input.IncubatorId, input.BrandId,
                    string.IsNullOrWhiteSpace(input.RegistrationCode) ? null : CreditCode.Parse(input.RegistrationCode).Value, input.StartDate, input.JobsCreated);
                try { await db.SaveChangesAsync(ct); }
                catch (DbUpdateConcurrencyException) { return Result.Conflict("该企业信息已被他人修改，请刷新后重试"); }
                id = b.Id;
            }
            return (await list.One(id.Value, ct))!;
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/entrepreneurship/businesses", async (Input input, Handler h, CancellationToken ct) =>
                (await h.Save(null, input, ct)).ToHttp(v => TypedResults.Created($"/api/entrepreneurship/businesses/{v.Id}", v)))
            .WithName("CreateBusiness").ProducesValidationProblem().RequirePermission(Perm.BusinessesWrite);
        api.MapPut("/entrepreneurship/businesses/{id:long}", async (long id, Input input, Handler h, CancellationToken ct) => (await h.Save(id, input, ct)).ToHttp())
            .WithName("UpdateBusiness").ProducesValidationProblem().RequirePermission(Perm.BusinessesWrite);
    }
}
