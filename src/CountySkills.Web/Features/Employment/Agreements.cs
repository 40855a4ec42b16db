using FluentValidation;

namespace CountySkills.Web.Features.Employment;

/// <summary>
/// Labour cooperation agreements (劳务协作协议): parties, dates, a yearly quota, benefits, status, and progress (placements made under
/// it this year against the quota). County staff keep them; everyone who reads employment sees them.
/// </summary>
public static class Agreements
{
    public sealed record View(long Id, string Title, string PartnerName, string? PartnerProvince, string? PartnerCity, long? EmployerId, string? EmployerName,
        long? LabourBaseId, string? LabourBaseName, DateOnly StartDate, DateOnly EndDate, int QuotaPerYear, AgreementBenefits Benefits,
        IReadOnlyList<string> BenefitNames, AgreementStatus Status, string StatusName, bool InForce, int PlacedThisYear, decimal? Progress, string? Note, Guid Version);

    public sealed record Input(string Title, string PartnerName, string? PartnerProvince, string? PartnerCity, long? EmployerId, long? LabourBaseId,
        DateOnly StartDate, DateOnly EndDate, int QuotaPerYear, AgreementBenefits Benefits, AgreementStatus Status, string? Note, Guid? Version);

    public sealed class Validator : AbstractValidator<Input>
    {
        public Validator()
        {
            RuleFor(x => x.Title).NotEmpty().WithMessage("请填写协议名称").MaximumLength(200).WithMessage("协议名称不超过 200 个字");
            RuleFor(x => x.PartnerName).NotEmpty().WithMessage("请填写协作方").MaximumLength(100).WithMessage("协作方不超过 100 个字");
            RuleFor(x => x.EndDate).GreaterThanOrEqualTo(x => x.StartDate).WithMessage("协议结束日期不能早于开始日期");
            RuleFor(x => x.QuotaPerYear).InclusiveBetween(0, 1_000_000).WithMessage("年度输送指标应为 0 至 1,000,000 人");
            RuleFor(x => x.Status).IsInEnum().WithMessage("协议状态应为 草拟、履行中 或 已终止");
            RuleFor(x => x.Benefits).Must(b => ((int)b & ~31) == 0).WithMessage("待遇选项无效");
            RuleFor(x => x.Note).MaximumLength(2000).WithMessage("备注不超过 2000 个字");
        }
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, TimeProvider clock)
    {
        public async Task<List<View>> List(long? id, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var today = clock.Today();
            var (from, to) = (new DateOnly(today.Year, 1, 1), new DateOnly(today.Year, 12, 31));
            var q = db.Agreements.AsNoTracking();
            if (id is { } one) q = q.Where(a => a.Id == one);
            var rows = await q.OrderByDescending(a => a.StartDate).Select(a => new
            {
                A = a, Employer = a.Employer!.Name, Base = a.LabourBase!.Name,
                Placed = db.Placements.Count(p => p.AgreementId == a.Id && p.StartDate >= from && p.StartDate <= to),
            }).ToListAsync(ct);
            return rows.Select(r => new View(r.A.Id, r.A.Title, r.A.PartnerName, r.A.PartnerProvince, r.A.PartnerCity, r.A.EmployerId, r.Employer, r.A.LabourBaseId, r.Base,
                r.A.StartDate, r.A.EndDate, r.A.QuotaPerYear, r.A.Benefits,
                Enum.GetValues<AgreementBenefits>().Where(b => b != AgreementBenefits.None && r.A.Benefits.HasFlag(b)).Select(b => Words.Of(b)).ToList(),
                r.A.Status, Words.Of(r.A.Status), r.A.InForce(today), r.Placed, r.A.QuotaPerYear > 0 ? Math.Round(100m * r.Placed / r.A.QuotaPerYear, 1) : null,
                r.A.Note, r.A.Version)).ToList();
        }

        public async Task<Result<View>> Save(long? id, Input input, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            if (input.EmployerId is { } eid && !await db.Employers.AnyAsync(e => e.Id == eid, ct)) return Result.Invalid("employerId", "没有找到该用工单位");
            if (input.LabourBaseId is { } bid && !await db.LabourBases.AnyAsync(b => b.Id == bid, ct)) return Result.Invalid("labourBaseId", "没有找到该劳务协作基地");
            Agreement? a;
            if (id is null) db.Agreements.Add(a = new Agreement { Title = "", PartnerName = "" });
            else
            {
                if (input.Version is not { } v) return Result.Invalid("version", "请提供所编辑记录的版本号（version）");
                a = await db.Agreements.SingleOrDefaultAsync(x => x.Id == id, ct);
                if (a is null) return Result.NotFound("没有找到该协议");
                db.Entry(a).Property(x => x.Version).OriginalValue = v;
            }
            (a.Title, a.PartnerName, a.PartnerProvince, a.PartnerCity, a.EmployerId, a.LabourBaseId, a.StartDate, a.EndDate, a.QuotaPerYear, a.Benefits, a.Status, a.Note) =
                (input.Title.Trim(), input.PartnerName.Trim(), input.PartnerProvince?.Trim(), input.PartnerCity?.Trim(), input.EmployerId, input.LabourBaseId,
                 input.StartDate, input.EndDate, input.QuotaPerYear, input.Benefits, input.Status, input.Note?.Trim());
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateConcurrencyException) { return Result.Conflict("该协议已被他人修改，请刷新后重试"); }
            return (await List(a.Id, ct)).Single();
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/employment/agreements", (Handler h, CancellationToken ct) => h.List(null, ct)).WithName("ListAgreements")
            .WithSummary("Labour cooperation agreements with this year's placements against the quota").RequireWorkReaders();
        api.MapGet("/employment/agreements/{id:long}", async (long id, Handler h, CancellationToken ct) =>
                (await h.List(id, ct)).SingleOrDefault() is { } v ? Results.Ok(v) : Http.Problem(404, "没有找到该协议"))
            .WithName("GetAgreement").RequireWorkReaders();
        api.MapPost("/employment/agreements", async (Input input, Handler h, CancellationToken ct) =>
                (await h.Save(null, input, ct)).ToHttp(v => TypedResults.Created($"/api/employment/agreements/{v.Id}", v)))
            .WithName("CreateAgreement").WithValidation<Input>().RequireWorkCounty();
        api.MapPut("/employment/agreements/{id:long}", async (long id, Input input, Handler h, CancellationToken ct) => (await h.Save(id, input, ct)).ToHttp())
            .WithName("UpdateAgreement").WithValidation<Input>().RequireWorkCounty();
    }
}
