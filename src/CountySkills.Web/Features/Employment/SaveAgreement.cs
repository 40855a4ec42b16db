using FluentValidation;

namespace CountySkills.Web.Features.Employment;

/// <summary>Registering (POST /api/employment/agreements) or editing (PUT …/{id}, with version) a labour cooperation agreement. County staff.</summary>
public static class SaveAgreement
{
    public sealed class Input
    {
        public string Title { get; set; } = "";
        public string PartnerName { get; set; } = "";
        public string? PartnerProvince { get; set; }
        public string? PartnerCity { get; set; }
        public long? EmployerId { get; set; }
        public long? LabourBaseId { get; set; }
        public DateOnly StartDate { get; set; }
        public DateOnly EndDate { get; set; }
        public int QuotaPerYear { get; set; }
        public AgreementBenefits Benefits { get; set; }
        public AgreementStatus Status { get; set; } = AgreementStatus.Draft;
        public string? Note { get; set; }
        public Guid? Version { get; set; }

        public static Input Of(ListAgreements.View a) => new()
        {
            Title = a.Title, PartnerName = a.PartnerName, PartnerProvince = a.PartnerProvince, PartnerCity = a.PartnerCity, EmployerId = a.EmployerId,
            LabourBaseId = a.LabourBaseId, StartDate = a.StartDate, EndDate = a.EndDate, QuotaPerYear = a.QuotaPerYear, Benefits = a.Benefits, Status = a.Status,
            Note = a.Note, Version = a.Version,
        };
    }

    public sealed class Validator : AbstractValidator<Input>
    {
        public Validator()
        {
            RuleFor(x => x.Title).NotEmpty().WithMessage("请填写协议名称").MaximumLength(200).WithMessage("协议名称不超过 200 个字");
            RuleFor(x => x.PartnerName).NotEmpty().WithMessage("请填写协作方").MaximumLength(100).WithMessage("协作方不超过 100 个字");
            RuleFor(x => x.PartnerProvince).MaximumLength(30).WithMessage("省份不超过 30 个字");
            RuleFor(x => x.PartnerCity).MaximumLength(30).WithMessage("城市不超过 30 个字");
            RuleFor(x => x.EndDate).GreaterThanOrEqualTo(x => x.StartDate).WithMessage("协议结束日期不能早于开始日期");
            RuleFor(x => x.QuotaPerYear).InclusiveBetween(0, 1_000_000).WithMessage("年度输送指标应为 0 至 1,000,000 人");
            RuleFor(x => x.Status).IsInEnum().WithMessage("协议状态应为 草拟、履行中 或 已终止");
            RuleFor(x => x.Benefits).Must(b => ((int)b & ~31) == 0).WithMessage("待遇选项无效");
            RuleFor(x => x.Note).MaximumLength(2000).WithMessage("备注不超过 2000 个字");
        }
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, IValidator<Input> validator, ListAgreements.Handler list)
    {
        public async Task<Result<ListAgreements.View>> Handle(long? id, Input input, CancellationToken ct)
        {
            if (await validator.Refuse(input, ct) is { } bad) return bad;
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
            return (await list.List(a.Id, ct)).Single();
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/employment/agreements", async (Input input, Handler h, CancellationToken ct) =>
                (await h.Handle(null, input, ct)).ToHttp(v => TypedResults.Created($"/api/employment/agreements/{v.Id}", v)))
            .WithName("CreateAgreement").WithValidation<Input>().RequireWorkCounty();
        api.MapPut("/employment/agreements/{id:long}", async (long id, Input input, Handler h, CancellationToken ct) => (await h.Handle(id, input, ct)).ToHttp())
            .WithName("UpdateAgreement").WithValidation<Input>().RequireWorkCounty();
    }
}
