using System.Text.Json;
using FluentValidation;

namespace CountySkills.Web.Features.Brands;

/// <summary>
/// Labour brands (劳务品牌): GET /api/brands (with figures), GET /api/brands/{id}, POST, PUT (county staff). Figures: members, trained in the
/// brand's classes, placed this year, active in partner cities, average monthly wage, valid complaints, and jobs driven by members' businesses.
/// </summary>
public static class Brands
{
    public sealed record Figures(int Members, int Trained, int PlacedThisYear, int ActiveInPartnerCities, long? AverageWageFen, int Complaints, int JobsDriven);

    public sealed record Partner(long EmployerId, string EmployerName, BrandPartnerRole Role, string RoleName);

    public sealed record View(long Id, string Name, string? TrademarkNumber, string Owner, string Category, string HomeAreaCode, string? Standards,
        string? SkillLeaders, string? Description, IReadOnlyList<StarStep> StarScheme, IReadOnlyList<Partner> Partners, IReadOnlyList<long> LabourBaseIds,
        Figures Figures, Guid Version);

    public sealed record Input(string Name, string? TrademarkNumber, string Owner, string Category, string? HomeAreaCode, string? Standards, string? SkillLeaders,
        string? Description, List<StarStep>? StarScheme, List<long>? LeadingEnterpriseIds, List<long>? PartnerAgencyIds, List<long>? LabourBaseIds, Guid? Version);

    public sealed class Validator : AbstractValidator<Input>
    {
        public Validator()
        {
            RuleFor(x => x.Name).NotEmpty().WithMessage("请填写品牌名称").MaximumLength(50).WithMessage("品牌名称不超过 50 个字");
            RuleFor(x => x.Owner).NotEmpty().WithMessage("请填写品牌所有者").MaximumLength(100);
            RuleFor(x => x.Category).NotEmpty().WithMessage("请填写品牌类别（如 家政、康养/足疗、艾灸）").MaximumLength(30);
            RuleFor(x => x.HomeAreaCode).Matches(@"^\d{6}(\d{3}(\d{3})?)?$").When(x => x.HomeAreaCode is not null).WithMessage("发源地区划代码应为 6、9 或 12 位数字");
            RuleFor(x => x.TrademarkNumber).MaximumLength(30);
            RuleFor(x => x.Standards).MaximumLength(2000);
            RuleFor(x => x.SkillLeaders).MaximumLength(1000);
            RuleFor(x => x.Description).MaximumLength(2000);
            RuleFor(x => x.StarScheme).Must(s => s is null || (s.Count > 0 && s.Select(x => x.Level).Distinct().Count() == s.Count && s.All(x => x.Level != StarLevel.None && x.Months >= 0)))
                .WithMessage("星级标准每级一条，无投诉服务月数不能为负");
        }
    }

    public static async Task<Figures> FiguresAsync(AppDbContext db, long brandId, DateOnly today, CancellationToken ct)
    {
        var from = new DateOnly(today.Year, 1, 1);
        var members = db.BrandMembers.Where(m => m.BrandId == brandId && m.RevokedUtc == null);
        var active = db.Placements.Where(p => p.EndedOn == null && members.Any(m => m.PersonId == p.PersonId));
        return new Figures(
            await members.CountAsync(ct),
            await db.Enrolments.CountAsync(e => e.Status == EnrolmentStatus.Active && e.Class!.BrandId == brandId, ct),
            await db.Placements.CountAsync(p => p.StartDate >= from && (p.BrandId == brandId || members.Any(m => m.PersonId == p.PersonId)), ct),
            await active.CountAsync(p => p.Band != DestinationBand.InCounty, ct),
            (long?)await active.Select(p => (double?)p.MonthlyWageFen).AverageAsync(ct),
            await db.Feedback.CountAsync(f => f.Kind == FeedbackKind.Complaint && f.Valid && db.BrandMembers.Any(m => m.Id == f.MemberId && m.BrandId == brandId), ct),
            await db.Businesses.Where(b => b.BrandId == brandId || members.Any(m => m.PersonId == b.FounderId)).SumAsync(b => (int?)b.JobsCreated, ct) ?? 0);
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, TimeProvider clock)
    {
        public async Task<List<View>> List(long? id, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var q = db.Brands.AsNoTracking().Include(b => b.Partners).ThenInclude(p => p.Employer).AsQueryable();
            if (id is { } one) q = q.Where(b => b.Id == one);
            var list = new List<View>();
            foreach (var b in await q.OrderBy(b => b.Id).ToListAsync(ct))
            {
                var bases = await db.BrandBases.Where(x => x.BrandId == b.Id).Select(x => x.LabourBaseId).ToListAsync(ct);
                list.Add(new View(b.Id, b.Name, b.TrademarkNumber, b.Owner, b.Category, b.HomeAreaCode, b.Standards, b.SkillLeaders, b.Description, b.StarScheme,
                    b.Partners.Select(p => new Partner(p.EmployerId, p.Employer!.Name, p.Role, Words.Of(p.Role))).ToList(), bases,
                    await FiguresAsync(db, b.Id, clock.Today(), ct), b.Version));
            }
            return list;
        }

        public async Task<Result<View>> Save(long? id, Input input, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var employerIds = (input.LeadingEnterpriseIds ?? []).Concat(input.PartnerAgencyIds ?? []).Distinct().ToList();
            if (employerIds.Count > 0 && await db.Employers.CountAsync(e => employerIds.Contains(e.Id), ct) != employerIds.Count)
                return Result.Invalid("leadingEnterpriseIds", "所列企业或机构中有不存在的用工单位");
            var baseIds = (input.LabourBaseIds ?? []).Distinct().ToList();
            if (baseIds.Count > 0 && await db.LabourBases.CountAsync(b => baseIds.Contains(b.Id), ct) != baseIds.Count)
                return Result.Invalid("labourBaseIds", "所列劳务基地中有不存在的");
            if (input.HomeAreaCode is { } home && !await db.Regions.AnyAsync(r => r.Code == home, ct))
                return Result.Invalid("homeAreaCode", $"区划代码 {home} 不是已知的地区");
            Brand? b;
            if (id is null) db.Brands.Add(b = new Brand { Name = "", Owner = "", Category = "", HomeAreaCode = input.HomeAreaCode ?? Data.Demo.DemoCounty.Code });
            else
            {
                if (input.Version is not { } v) return Result.Invalid("version", "请提供所编辑记录的版本号（version）");
                b = await db.Brands.Include(x => x.Partners).SingleOrDefaultAsync(x => x.Id == id, ct);
                if (b is null) return Result.NotFound("没有找到该品牌");
                db.Entry(b).Property(x => x.Version).OriginalValue = v;
                // Partners and bases are rows of their own: the brand's version changes with them too.
                b.Touch();
            }
            (b.Name, b.TrademarkNumber, b.Owner, b.Category, b.Standards, b.SkillLeaders, b.Description) = (input.Name.Trim(), input.TrademarkNumber?.Trim(),
                input.Owner.Trim(), input.Category.Trim(), input.Standards?.Trim(), input.SkillLeaders?.Trim(), input.Description?.Trim());
            if (input.HomeAreaCode is { } area) b.HomeAreaCode = area;
            if (input.StarScheme is { } scheme) b.StarSchemeJson = JsonSerializer.Serialize(scheme);
            b.Partners.Clear();
            b.Partners.AddRange((input.LeadingEnterpriseIds ?? []).Distinct().Select(e => new BrandPartner { EmployerId = e, Role = BrandPartnerRole.LeadingEnterprise }));
            b.Partners.AddRange((input.PartnerAgencyIds ?? []).Distinct().Select(e => new BrandPartner { EmployerId = e, Role = BrandPartnerRole.PartnerAgency }));
            try
            {
                await db.SaveChangesAsync(ct);
                await db.BrandBases.Where(x => x.BrandId == b.Id).ExecuteDeleteAsync(ct);
                db.BrandBases.AddRange(baseIds.Select(x => new BrandBase { BrandId = b.Id, LabourBaseId = x }));
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException) { return Result.Conflict("该品牌已被他人修改，请刷新后重试"); }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e)) { return Result.Conflict($"品牌“{input.Name.Trim()}”已登记"); }
            return (await List(b.Id, ct)).Single();
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/brands", (Handler h, CancellationToken ct) => h.List(null, ct)).WithName("ListBrands").WithSummary("Labour brands with their figures").RequireBrandReaders();
        api.MapGet("/brands/{id:long}", async (long id, Handler h, CancellationToken ct) =>
                (await h.List(id, ct)).SingleOrDefault() is { } v ? Results.Ok(v) : Http.Problem(404, "没有找到该品牌"))
            .WithName("GetBrand").RequireBrandReaders();
        api.MapPost("/brands", async (Input input, Handler h, CancellationToken ct) => (await h.Save(null, input, ct)).ToHttp(v => TypedResults.Created($"/api/brands/{v.Id}", v)))
            .WithName("CreateBrand").WithValidation<Input>().RequireBrandWriters();
        api.MapPut("/brands/{id:long}", async (long id, Input input, Handler h, CancellationToken ct) => (await h.Save(id, input, ct)).ToHttp())
            .WithName("UpdateBrand").WithValidation<Input>().RequireBrandWriters();
    }
}
