using FluentValidation;

namespace CountySkills.Web.Features.Subsidies;

/// <summary>Sets a fund's budget for a year: PUT /api/subsidies/budgets {year, fund, amountFen, note?, version?} (fen).</summary>
public static class SaveBudget
{
    public sealed record Command(int Year, SubsidyFund Fund, long AmountFen, string? Note, Guid? Version);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Year).InclusiveBetween(2000, 2100).WithMessage("年度应为 2000 至 2100 年");
            RuleFor(x => x.Fund).IsInEnum().WithMessage("资金来源应为 就业补助资金、职业技能提升行动专账资金 或 其他资金");
            RuleFor(x => x.AmountFen).InclusiveBetween(0, 100_000_000_000).WithMessage("预算金额应在 0 至 10 亿元之间（单位：分）");
            RuleFor(x => x.Note).MaximumLength(500).WithMessage("备注不超过 500 个字");
        }
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, IValidator<Command> validator)
    {
        public async Task<Result<ListBudgets.Figures>> Handle(Command input, CancellationToken ct)
        {
            if (await validator.Refuse(input, ct) is { } bad) return bad;
            await using var db = await dbs.CreateDbContextAsync(ct);
            var b = await db.Budgets.SingleOrDefaultAsync(x => x.Year == input.Year && x.Fund == input.Fund, ct);
            if (b is null) db.Budgets.Add(b = new SubsidyBudget { Year = input.Year, Fund = input.Fund });
            else if (input.Version is { } v && v != b.Version) return Result.Conflict("该预算已被他人修改，请刷新后重试");
            (b.AmountFen, b.Note) = (input.AmountFen, input.Note?.Trim());
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateConcurrencyException) { return Result.Conflict("该预算已被他人修改，请刷新后重试"); }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e)) { return Result.Conflict("该预算刚被他人创建，请刷新后重试"); }
            return (await ListBudgets.ForYearAsync(db, input.Year, ct)).Single(f => f.Fund == input.Fund);
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPut("/subsidies/budgets", async (Command input, Handler h, CancellationToken ct) => (await h.Handle(input, ct)).ToHttp())
            .WithName("SaveBudget").ProducesValidationProblem().RequireSubsidyCounty().WithSummary("Set a fund's budget for a year (fen)");
}
