using FluentValidation;

namespace CountySkills.Web.Features.Subsidies;

/// <summary>
/// The year's subsidy budget per fund and what stands against it: committed (claims under review or in notice), approved
/// (not yet paid) and paid. GET /api/subsidies/budgets?year=2026; PUT /api/subsidies/budgets {year, fund, amountFen, version}.
/// </summary>
public static class Budgets
{
    public sealed record Figures(int Year, SubsidyFund Fund, string FundName, long? Id, long BudgetFen, long CommittedFen, long ApprovedFen, long PaidFen,
        long RemainingFen, bool Exceeded, Guid? Version);

    public sealed record Input(int Year, SubsidyFund Fund, long AmountFen, string? Note, Guid? Version);

    public sealed class Validator : AbstractValidator<Input>
    {
        public Validator()
        {
            RuleFor(x => x.Year).InclusiveBetween(2000, 2100).WithMessage("年度应为 2000 至 2100 年");
            RuleFor(x => x.Fund).IsInEnum().WithMessage("资金来源应为 就业补助资金、职业技能提升行动专账资金 或 其他资金");
            RuleFor(x => x.AmountFen).InclusiveBetween(0, 100_000_000_000).WithMessage("预算金额应在 0 至 10 亿元之间（单位：分）");
            RuleFor(x => x.Note).MaximumLength(500).WithMessage("备注不超过 500 个字");
        }
    }

    /// <summary>Every fund's figures for a year; <paramref name="exceptClaimId"/> leaves one claim out (to test whether it would exceed).</summary>
    public static async Task<List<Figures>> ForYearAsync(AppDbContext db, int year, CancellationToken ct, long? exceptClaimId = null)
    {
        var skip = exceptClaimId ?? 0;
        var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var sums = await db.ClaimLines.Where(l => l.Eligible && l.Decision != LineDecision.Rejected && l.ClaimId != skip)
            .Join(db.Claims.Where(c => c.Status != ClaimStatus.Draft && c.ClaimedOn >= from && c.ClaimedOn <= to), l => l.ClaimId, c => c.Id,
                (l, c) => new { c.Fund, c.Status, l.Payment, Fen = l.AmountFen + l.AssessmentFen })
            .GroupBy(x => new { x.Fund, x.Status, x.Payment }).Select(g => new { g.Key.Fund, g.Key.Status, g.Key.Payment, Fen = g.Sum(x => x.Fen) })
            .ToListAsync(ct);
        var budgets = await db.Budgets.AsNoTracking().Where(b => b.Year == year).ToListAsync(ct);
        return Enum.GetValues<SubsidyFund>().Select(f =>
        {
            var b = budgets.FirstOrDefault(x => x.Fund == f);
            var mine = sums.Where(s => s.Fund == f).ToList();
            var paid = mine.Where(s => s.Payment == PaymentState.Paid).Sum(s => s.Fen);
            var approved = mine.Where(s => s.Status is ClaimStatus.Approved or ClaimStatus.Paid && s.Payment != PaymentState.Paid).Sum(s => s.Fen);
            var committed = mine.Where(s => s.Status is not (ClaimStatus.Approved or ClaimStatus.Paid)).Sum(s => s.Fen);
            var budget = b?.AmountFen ?? 0;
            var remaining = budget - committed - approved - paid;
            return new Figures(year, f, Words.Of(f), b?.Id, budget, committed, approved, paid, remaining, b is not null && remaining < 0, b?.Version);
        }).ToList();
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user)
    {
        public async Task<Result<Figures>> Save(Input input, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var b = await db.Budgets.SingleOrDefaultAsync(x => x.Year == input.Year && x.Fund == input.Fund, ct);
            if (b is null) db.Budgets.Add(b = new SubsidyBudget { Year = input.Year, Fund = input.Fund });
            else if (input.Version is { } v && v != b.Version) return Result.Conflict("该预算已被他人修改，请刷新后重试");
            (b.AmountFen, b.Note) = (input.AmountFen, input.Note?.Trim());
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateConcurrencyException) { return Result.Conflict("该预算已被他人修改，请刷新后重试"); }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e)) { return Result.Conflict("该预算刚被他人创建，请刷新后重试"); }
            return (await ForYearAsync(db, input.Year, ct)).Single(f => f.Fund == input.Fund);
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/subsidies/budgets", async (int? year, IDbContextFactory<AppDbContext> dbs, TimeProvider clock, CancellationToken ct) =>
            {
                if (year is < 2000 or > 2100) return Results.ValidationProblem(new Dictionary<string, string[]> { ["year"] = ["年度应为 2000 至 2100 年"] }, title: "提交的数据有误");
                await using var db = await dbs.CreateDbContextAsync(ct);
                return Results.Ok(await ForYearAsync(db, year ?? clock.Today().Year, ct));
            })
            .WithName("ListBudgets").WithSummary("The year's budget per fund with committed, approved, paid and remaining (fen)")
            .RequirePermission(Perm.SubsidiesBudgets);
        api.MapPut("/subsidies/budgets", async (Input input, Handler h, CancellationToken ct) => (await h.Save(input, ct)).ToHttp())
            .WithName("SaveBudget").WithValidation<Input>().RequireSubsidyCounty().WithSummary("Set a fund's budget for a year (fen)");
    }
}
