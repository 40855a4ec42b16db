namespace CountySkills.Web.Features.Subsidies;

/// <summary>
/// The year's subsidy budget per fund and what stands against it: committed (claims under review or in notice), approved
/// (not yet paid) and paid: GET /api/subsidies/budgets?year=2026. Setting one is SaveBudget.
/// </summary>
public static class ListBudgets
{
    public sealed record Figures(int Year, SubsidyFund Fund, string FundName, long? Id, long BudgetFen, long CommittedFen, long ApprovedFen, long PaidFen,
        long RemainingFen, bool Exceeded, Guid? Version);

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

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/subsidies/budgets", async (int? year, IDbContextFactory<AppDbContext> dbs, TimeProvider clock, CancellationToken ct) =>
            {
                if (year is < 2000 or > 2100) return Results.ValidationProblem(new Dictionary<string, string[]> { ["year"] = ["年度应为 2000 至 2100 年"] }, title: "提交的数据有误");
                await using var db = await dbs.CreateDbContextAsync(ct);
                return Results.Ok(await ForYearAsync(db, year ?? clock.Today().Year, ct));
            })
            .WithName("ListBudgets").WithSummary("The year's budget per fund with committed, approved, paid and remaining (fen)")
            .RequirePermission(Perm.SubsidiesBudgets);
}
