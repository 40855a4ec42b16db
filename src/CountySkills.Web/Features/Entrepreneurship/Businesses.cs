using CountySkills.Web.Features.People;
using FluentValidation;

namespace CountySkills.Web.Features.Entrepreneurship;

/// <summary>
/// Businesses founded by people of the ledger (返乡创业, e-commerce firms, moxibustion shops …): GET/POST/PUT /api/entrepreneurship/businesses,
/// and their support (rent reduction, utility subsidy, start-up loan) with POST …/{id}/support. Township officers see their township's.
/// </summary>
public static class Businesses
{
    public sealed record Aid(long Id, SupportKind Kind, string KindName, long AmountFen, DateOnly From, DateOnly? To, string? Note);

    public sealed record View(long Id, string Name, BusinessKind Kind, string KindName, long FounderId, string FounderName, string FounderIdNumber, string AreaCode,
        long? IncubatorId, string? IncubatorName, long? BrandId, string? BrandName, string? RegistrationCode, DateOnly StartDate, int JobsCreated,
        IReadOnlyList<Aid> Support, Guid Version);

    public sealed record Input(string Name, BusinessKind Kind, long? FounderId, string? FounderIdNumber, long? IncubatorId, long? BrandId, string? RegistrationCode,
        DateOnly StartDate, int JobsCreated, Guid? Version);

    public sealed record SupportInput(SupportKind Kind, long AmountFen, DateOnly From, DateOnly? To, string? Note);

    public sealed class Validator : AbstractValidator<Input>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(x => x.Name).NotEmpty().WithMessage("请填写企业（个体户）名称").MaximumLength(100);
            RuleFor(x => x.Kind).IsInEnum().WithMessage("类别无效");
            RuleFor(x => x).Must(x => x.FounderId is not null || !string.IsNullOrWhiteSpace(x.FounderIdNumber)).OverridePropertyName("founderIdNumber").WithMessage("请指明创办人");
            RuleFor(x => x.RegistrationCode).Must(c => CreditCode.TryParse(c, out _, out _)).When(x => !string.IsNullOrWhiteSpace(x.RegistrationCode))
                .WithMessage(x => CreditCode.TryParse(x.RegistrationCode, out _, out var e) ? "" : e!).WithErrorCode("credit_code.invalid");
            RuleFor(x => x.StartDate).Must(d => d.Year >= 1980 && d <= clock.Today()).WithMessage("成立日期应在 1980 年以后且不晚于今天");
            RuleFor(x => x.JobsCreated).InclusiveBetween(0, 100_000).WithMessage("带动就业人数应为 0 至 100,000");
        }
    }

    public sealed class SupportValidator : AbstractValidator<SupportInput>
    {
        public SupportValidator()
        {
            RuleFor(x => x.Kind).IsInEnum().WithMessage("扶持类别无效");
            RuleFor(x => x.AmountFen).InclusiveBetween(0, 10_000_000_000).WithMessage("金额应在 0 至 1 亿元之间（单位：分）");
            RuleFor(x => x.To).GreaterThanOrEqualTo(x => x.From).When(x => x.To is not null).WithMessage("结束日期不能早于开始日期");
            RuleFor(x => x.Note).MaximumLength(500);
        }
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, People.ExactSearch.Gate search)
    {
        public async Task<List<View>> List(long? id, long? incubatorId, long? brandId, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var q = db.Businesses.AsNoTracking().VisibleTo(user);
            if (id is { } one) q = q.Where(b => b.Id == one);
            if (incubatorId is { } inc) q = q.Where(b => b.IncubatorId == inc);
            if (brandId is { } br) q = q.Where(b => b.BrandId == br);
            var rows = await q.OrderByDescending(b => b.StartDate).Take(500)
                .Select(b => new { B = b, Aid = b.Support.ToList(), Founder = b.Founder!.Name, b.Founder.IdNumber, Incubator = b.Incubator!.Name, Brand = b.Brand!.Name }).ToListAsync(ct);
            return rows.Select(r => new View(r.B.Id, r.B.Name, r.B.Kind, Words.Of(r.B.Kind), r.B.FounderId, r.Founder, IdNumber.Mask(r.IdNumber), r.B.AreaCode, r.B.IncubatorId,
                r.Incubator, r.B.BrandId, r.Brand, r.B.RegistrationCode, r.B.StartDate, r.B.JobsCreated,
                r.Aid.OrderBy(s => s.From).Select(s => new Aid(s.Id, s.Kind, Words.Of(s.Kind), s.AmountFen, s.From, s.To, s.Note)).ToList(), r.B.Version)).ToList();
        }

        public async Task<Result<View>> Save(long? id, Input input, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
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
            return (await List(b.Id, null, null, ct)).Single();
        }

        public async Task<Result<View>> AddSupport(long id, SupportInput s, CancellationToken ct)
        {
            await using (var db = await dbs.CreateDbContextAsync(ct))
            {
                var b = await db.Businesses.SingleOrDefaultAsync(x => x.Id == id, ct);
                if (b is null) return Result.NotFound("没有找到该企业");
                if (!user.CanWriteArea(b.AreaCode)) return Result.Forbidden("该企业不在您的权限范围内");
                db.BusinessSupport.Add(new BusinessSupport { BusinessId = id, Kind = s.Kind, AmountFen = s.AmountFen, From = s.From, To = s.To, Note = s.Note?.Trim() });
                await db.SaveChangesAsync(ct);
            }
            return (await List(id, null, null, ct)).Single();
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/entrepreneurship/businesses", (long? incubatorId, long? brandId, Handler h, CancellationToken ct) => h.List(null, incubatorId, brandId, ct))
            .WithName("ListBusinesses").WithSummary("Businesses founded by people of the ledger, with their support").RequirePermission(Perm.EntrepreneurshipRead);
        api.MapPost("/entrepreneurship/businesses", async (Input input, Handler h, CancellationToken ct) =>
                (await h.Save(null, input, ct)).ToHttp(v => TypedResults.Created($"/api/entrepreneurship/businesses/{v.Id}", v)))
            .WithName("CreateBusiness").WithValidation<Input>().RequirePermission(Perm.BusinessesWrite);
        api.MapPut("/entrepreneurship/businesses/{id:long}", async (long id, Input input, Handler h, CancellationToken ct) => (await h.Save(id, input, ct)).ToHttp())
            .WithName("UpdateBusiness").WithValidation<Input>().RequirePermission(Perm.BusinessesWrite);
        api.MapPost("/entrepreneurship/businesses/{id:long}/support", async (long id, SupportInput s, Handler h, CancellationToken ct) =>
                (await h.AddSupport(id, s, ct)).ToHttp(v => TypedResults.Created($"/api/entrepreneurship/businesses/{id}", v)))
            .WithName("AddBusinessSupport").WithValidation<SupportInput>().RequirePermission(Perm.BusinessesWrite)
            .WithSummary("Record support received: rent reduction, utility subsidy, start-up loan …");
    }
}
