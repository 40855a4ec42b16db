using FluentValidation;

namespace CountySkills.Web.Features.Training;

/// <summary>The occupations catalogue: everyone who plans or reads training sees it; administrators keep it.</summary>
public static class Occupations
{
    public sealed record View(long Id, string Code, string Name, string? ParentName, string Category, IReadOnlyList<SkillLevel> Levels,
        IReadOnlyList<string> LevelNames, IReadOnlyList<CertificateKind> CertificateKinds, bool CodeConfirmed, Guid Version)
    {
        public static View Of(Occupation o) => new(o.Id, o.Code, o.Name, o.ParentName, o.Category, o.Levels, o.Levels.Select(Words.Of).ToList(),
            Enum.GetValues<CertificateKind>().Where(k => o.CertificateKinds.HasFlag((CertificateKinds)(1 << ((int)k - 1)))).ToList(), o.CodeConfirmed, o.Version);
    }

    public sealed record Input
    {
        public string Code { get; set; } = "";
        public string Name { get; set; } = "";
        public string? ParentName { get; set; }
        public string Category { get; set; } = "";
        public List<SkillLevel> Levels { get; set; } = [];
        public List<CertificateKind> CertificateKinds { get; set; } = [];
        public bool CodeConfirmed { get; set; }
        public Guid? Version { get; set; }
    }

    public sealed class Validator : AbstractValidator<Input>
    {
        public Validator()
        {
            RuleFor(x => x.Code).NotEmpty().WithMessage("请填写职业编码").Matches(@"^[0-9A-Z][0-9A-Z\-]{0,19}$").WithMessage("职业编码由数字、大写字母和“-”组成，不超过 20 位");
            RuleFor(x => x.Name).NotEmpty().WithMessage("请填写职业名称").MaximumLength(50).WithMessage("职业名称不超过 50 个字");
            RuleFor(x => x.ParentName).MaximumLength(50).WithMessage("所属职业名称不超过 50 个字");
            RuleFor(x => x.Category).NotEmpty().WithMessage("请填写职业类别").MaximumLength(30).WithMessage("类别不超过 30 个字");
            RuleForEach(x => x.Levels).Must(l => l != SkillLevel.None && Enum.IsDefined(l)).WithMessage("等级应为 1–5 级");
            RuleFor(x => x.CertificateKinds).NotEmpty().WithMessage("请至少选择一种可取得的证书");
        }
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, IValidator<Input> validator)
    {
        public async Task<List<View>> List(string? q, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var list = await db.Occupations.AsNoTracking().OrderBy(o => o.Category).ThenBy(o => o.Code).ToListAsync(ct);
            return list.Where(o => string.IsNullOrWhiteSpace(q) || o.Name.Contains(q.Trim()) || o.Code.StartsWith(q.Trim())).Select(View.Of).ToList();
        }

        public async Task<Result<View>> Save(long? id, Input input, CancellationToken ct)
        {
            if (await validator.Refuse(input, ct) is { } bad) return bad;
            await using var db = await dbs.CreateDbContextAsync(ct);
            if (await db.Occupations.AnyAsync(o => o.Code == input.Code && o.Id != (id ?? 0), ct)) return Result.Conflict($"职业编码 {input.Code} 已存在");
            Occupation? o;
            if (id is null) { o = new Occupation { Code = input.Code, Name = "", Category = "" }; db.Occupations.Add(o); }
            else
            {
                o = await db.Occupations.SingleOrDefaultAsync(x => x.Id == id, ct);
                if (o is null) return Result.NotFound("没有找到该职业");
                if (input.Version is not { } v) return Result.Invalid("version", "请提供所编辑记录的版本号（version）");
                db.Entry(o).Property(x => x.Version).OriginalValue = v;
            }
            (o.Code, o.Name, o.ParentName, o.Category, o.CodeConfirmed) = (input.Code, input.Name.Trim(), input.ParentName?.Trim(), input.Category.Trim(), input.CodeConfirmed);
            o.LevelList = string.Join(",", input.Levels.Distinct().OrderByDescending(l => (int)l).Select(l => (int)l));
            o.CertificateKinds = input.CertificateKinds.Aggregate(CertificateKinds.None, (a, k) => a | (CertificateKinds)(1 << ((int)k - 1)));
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateConcurrencyException) { return Result.Conflict("该职业已被他人修改，请刷新后重试"); }
            return View.Of(o);
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/training/occupations", (string? q, Handler h, CancellationToken ct) => h.List(q, ct)).WithName("ListOccupations");
        api.MapPost("/training/occupations", async (Input input, Handler h, CancellationToken ct) =>
                (await h.Save(null, input, ct)).ToHttp(v => TypedResults.Created($"/api/training/occupations/{v.Id}", v)))
            .WithName("CreateOccupation").ProducesValidationProblem().RequireCounty();
        api.MapPut("/training/occupations/{id:long}", async (long id, Input input, Handler h, CancellationToken ct) => (await h.Save(id, input, ct)).ToHttp())
            .WithName("UpdateOccupation").ProducesValidationProblem().RequireCounty();
    }
}
