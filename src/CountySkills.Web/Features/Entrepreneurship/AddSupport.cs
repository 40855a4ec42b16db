using FluentValidation;

namespace CountySkills.Web.Features.Entrepreneurship;

/// <summary>Support a business received (rent reduction, utility subsidy, start-up loan, one-off start-up subsidy …), amount in fen and dates:
/// POST /api/entrepreneurship/businesses/{id}/support.</summary>
public static class AddSupport
{
    public sealed class SupportInput
    {
        public SupportKind Kind { get; set; }
        public long AmountFen { get; set; }
        public DateOnly From { get; set; }
        public DateOnly? To { get; set; }
        public string? Note { get; set; }
    }

    public sealed class Validator : AbstractValidator<SupportInput>
    {
        public Validator()
        {
            RuleFor(x => x.Kind).IsInEnum().WithMessage("扶持类别无效");
            RuleFor(x => x.AmountFen).InclusiveBetween(0, 10_000_000_000).WithMessage("金额应在 0 至 1 亿元之间（单位：分）");
            RuleFor(x => x.From).Must(d => d.Year >= 1980).WithMessage("请填写开始日期");
            RuleFor(x => x.To).GreaterThanOrEqualTo(x => x.From).When(x => x.To is not null).WithMessage("结束日期不能早于开始日期");
            RuleFor(x => x.Note).MaximumLength(500).WithMessage("备注不超过 500 个字");
        }
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, IValidator<SupportInput> validator, ListBusinesses.Handler list)
    {
        public async Task<Result<ListBusinesses.View>> Add(long id, SupportInput s, CancellationToken ct)
        {
            if (await validator.Refuse(s, ct) is { } bad) return bad;
            await using (var db = await dbs.CreateDbContextAsync(ct))
            {
                var b = await db.Businesses.SingleOrDefaultAsync(x => x.Id == id, ct);
                if (b is null) return Result.NotFound("没有找到该企业");
                if (!user.CanWriteArea(b.AreaCode)) return Result.Forbidden("该企业不在您的权限范围内");
                db.BusinessSupport.Add(new BusinessSupport { BusinessId = id, Kind = s.Kind, AmountFen = s.AmountFen, From = s.From, To = s.To, Note = s.Note?.Trim() });
                await db.SaveChangesAsync(ct);
            }
            return (await list.One(id, ct))!;
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/entrepreneurship/businesses/{id:long}/support", async (long id, SupportInput s, Handler h, CancellationToken ct) =>
                (await h.Add(id, s, ct)).ToHttp(v => TypedResults.Created($"/api/entrepreneurship/businesses/{id}", v)))
            .WithName("AddBusinessSupport").ProducesValidationProblem().RequirePermission(Perm.BusinessesWrite)
            .WithSummary("Record support received: rent reduction, utility subsidy, start-up loan …");
}
