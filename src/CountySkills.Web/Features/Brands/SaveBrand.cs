using FluentValidation;

namespace CountySkills.Web.Features.Brands;

/// <summary>
/// Registers a labour brand (POST /api/brands) or changes one from the version it was read at (PUT /api/brands/{id}): name, trademark, owner,
/// category, home area, standards, skill leaders, description, leading enterprises, partner agencies, labour bases and the star scheme.
/// The scheme is given step by step (<c>starScheme</c>) or as a template (<c>schemeTemplate</c>); without either a new brand gets the default
/// of its category. GB/T 31771's domestic-work scheme is for 家政 brands only (brand.domestic_scheme_not_domestic).
/// </summary>
public static class SaveBrand
{
    public sealed class Input
    {
        public string Name { get; set; } = "";
        public string? TrademarkNumber { get; set; }
        public string Owner { get; set; } = "";
        public string Category { get; set; } = "";
        public string? HomeAreaCode { get; set; }
        public string? Standards { get; set; }
        public string? SkillLeaders { get; set; }
        public string? Description { get; set; }
        public List<StarStep>? StarScheme { get; set; }
        public StarSchemeTemplate? SchemeTemplate { get; set; }
        public List<long>? LeadingEnterpriseIds { get; set; }
        public List<long>? PartnerAgencyIds { get; set; }
        public List<long>? LabourBaseIds { get; set; }
        public Guid? Version { get; set; }

        public static Input From(ListBrands.View b) => new()
        {
            Name = b.Name, TrademarkNumber = b.TrademarkNumber, Owner = b.Owner, Category = b.Category, HomeAreaCode = b.HomeAreaCode, Standards = b.Standards,
            SkillLeaders = b.SkillLeaders, Description = b.Description, SchemeTemplate = b.SchemeTemplate, Version = b.Version, LabourBaseIds = [.. b.LabourBaseIds],
            LeadingEnterpriseIds = [.. b.Partners.Where(p => p.Role == BrandPartnerRole.LeadingEnterprise).Select(p => p.EmployerId)],
            PartnerAgencyIds = [.. b.Partners.Where(p => p.Role == BrandPartnerRole.PartnerAgency).Select(p => p.EmployerId)],
        };
    }

    public sealed class Validator : AbstractValidator<Input>
    {
        public Validator()
        {
            RuleFor(x => x.Name).NotEmpty().WithMessage("请填写品牌名称").MaximumLength(50).WithMessage("品牌名称不超过 50 个字");
            RuleFor(x => x.Owner).NotEmpty().WithMessage("请填写品牌所有者").MaximumLength(100).WithMessage("品牌所有者不超过 100 个字");
            RuleFor(x => x.Category).NotEmpty().WithMessage("请填写品牌类别（如 家政、康养/足疗、艾灸）").MaximumLength(30).WithMessage("类别不超过 30 个字");
            RuleFor(x => x.HomeAreaCode).Matches(@"^\d{6}(\d{3}(\d{3})?)?$").When(x => x.HomeAreaCode is not null).WithMessage("发源地区划代码应为 6、9 或 12 位数字");
            RuleFor(x => x.TrademarkNumber).MaximumLength(30).WithMessage("商标注册号不超过 30 个字符");
            RuleFor(x => x.Standards).MaximumLength(2000).WithMessage("品牌标准不超过 2000 个字");
            RuleFor(x => x.SkillLeaders).MaximumLength(1000).WithMessage("技能带头人不超过 1000 个字");
            RuleFor(x => x.Description).MaximumLength(2000).WithMessage("简介不超过 2000 个字");
            RuleFor(x => x.StarScheme).Must(s => s is null || (s.Count > 0 && s.Select(x => x.Level).Distinct().Count() == s.Count
                    && s.All(x => x.Level is > StarLevel.None and <= StarLevel.Gold && x.Months >= 0
                        && (x.Certificates ?? []).All(c => !string.IsNullOrWhiteSpace(c.OccupationCode) && c.Level is >= 1 and <= 5))))
                .WithMessage("星级标准每级一条，无投诉服务月数不能为负，证书须写明职业编码和等级（1–5）");
            RuleFor(x => x.SchemeTemplate).IsInEnum().WithMessage("星级标准模板无效");
            RuleFor(x => x.SchemeTemplate).Must((x, t) => t != StarSchemeTemplate.DomesticWork || Brand.IsDomesticWork(x.Category))
                .WithMessage("家政服务员星级标准（GB/T 31771）只适用于家政类品牌").WithErrorCode(DomesticOnly);
        }
    }

    public const string DomesticOnly = "brand.domestic_scheme_not_domestic";

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, TimeProvider clock, IValidator<Input> validator)
    {
        public async Task<Result<ListBrands.View>> Save(long? id, Input input, CancellationToken ct)
        {
            if (await validator.Refuse(input, ct) is { } bad) return bad;
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
            (b.Name, b.TrademarkNumber, b.Owner, b.Category, b.Standards, b.SkillLeaders, b.Description) = (input.Name.Trim(), Blank(input.TrademarkNumber),
                input.Owner.Trim(), input.Category.Trim(), Blank(input.Standards), Blank(input.SkillLeaders), Blank(input.Description));
            if (input.HomeAreaCode is { } area) b.HomeAreaCode = area;
            var scheme = (IReadOnlyList<StarStep>?)input.StarScheme?.Select(s => s with { Certificates = s.Certificates ?? [] }).ToList()
                ?? (input.SchemeTemplate is { } t ? Brand.Template(t) : id is null ? Brand.DefaultSchemeFor(b.Category) : b.StarScheme);
            if (b.SetScheme(scheme) is { } refusal)
                return Result.Refused(refusal, input.StarScheme is null && input.SchemeTemplate is not null ? "schemeTemplate" : "starScheme");
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
            catch (DbUpdateConcurrencyException) { return Result.Refused(new("brand.stale", "该品牌已被他人修改，请刷新后重试")); }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e)) { return Result.Refused(new("brand.duplicate", $"品牌“{input.Name.Trim()}”已登记")); }
            return (await ListBrands.Load(db, b.Id, clock.Today(), ct)).Single();
        }

        static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/brands", async (Input input, Handler h, CancellationToken ct) => (await h.Save(null, input, ct)).ToHttp(v => TypedResults.Created($"/api/brands/{v.Id}", v)))
            .WithName("CreateBrand").ProducesValidationProblem().RequireBrandWriters();
        api.MapPut("/brands/{id:long}", async (long id, Input input, Handler h, CancellationToken ct) => (await h.Save(id, input, ct)).ToHttp())
            .WithName("UpdateBrand").ProducesValidationProblem().RequireBrandWriters();
    }
}
