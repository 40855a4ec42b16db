namespace CountySkills.Web.Features.Subsidies;

/// <summary>Claims within the caller's scope (institution staff: their own), newest first; and one claim in full.</summary>
public static class ListClaims
{
    public sealed record Query
    {
        public string? Status { get; set; }
        public long? InstitutionId { get; set; }
        public int? Year { get; set; }
        public string? Q { get; set; }
        public int? Page { get; set; }
        public int? PageSize { get; set; }
    }

    public sealed record Item(long Id, string Number, long ClassId, string ClassName, long InstitutionId, string InstitutionName, ClaimStatus Status,
        string StatusName, DateOnly ClaimedOn, DateOnly? NoticeEndsOn, int Lines, int Eligible, long EligibleFen, int OpenObjections);

    public sealed record Page(IReadOnlyList<Item> Items, int Total);

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user)
    {
        public async Task<Result<Page>> Handle(Query q, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var claims = db.Claims.AsNoTracking().OwnedBy(user);
            if (!string.IsNullOrWhiteSpace(q.Status))
            {
                if (!Zh.TryParse<ClaimStatus>(q.Status, out var s)) return Result.Invalid("status", $"未知的申请状态：{q.Status}");
                claims = claims.Where(c => c.Status == s);
            }
            if (q.InstitutionId is { } inst) claims = claims.Where(c => c.InstitutionId == inst);
            if (q.Year is { } y)
            {
                var (from, to) = (new DateOnly(Math.Clamp(y, 1, 9998), 1, 1), new DateOnly(Math.Clamp(y, 1, 9998) + 1, 1, 1));
                claims = claims.Where(c => c.ClaimedOn >= from && c.ClaimedOn < to);
            }
            if (!string.IsNullOrWhiteSpace(q.Q)) claims = claims.Where(c => c.Number.Contains(q.Q.Trim()) || c.Class!.Name.Contains(q.Q.Trim()));
            var size = Math.Clamp(q.PageSize ?? 20, 1, 200);
            var page = Math.Clamp(q.Page ?? 1, 1, 100_000);
            var total = await claims.CountAsync(ct);
            var rows = await claims.OrderByDescending(c => c.Id).Skip((page - 1) * size).Take(size).Select(c => new
            {
                c.Id, c.Number, c.ClassId, ClassName = c.Class!.Name, c.InstitutionId, Institution = c.Institution!.Name, c.Status, c.ClaimedOn, c.NoticeEndsOn,
                Lines = c.Lines.Count, Eligible = c.Lines.Count(l => l.Eligible), Fen = c.Lines.Where(l => l.Eligible && l.Decision != LineDecision.Rejected).Sum(l => l.AmountFen + l.AssessmentFen),
                Open = db.Objections.Count(o => o.ClaimId == c.Id && o.Status == ObjectionStatus.Open),
            }).ToListAsync(ct);
            return new Page(rows.Select(r => new Item(r.Id, r.Number, r.ClassId, r.ClassName, r.InstitutionId, r.Institution, r.Status, Words.Of(r.Status), r.ClaimedOn,
                r.NoticeEndsOn, r.Lines, r.Eligible, r.Fen, r.Open)).ToList(), total);
        }

        public async Task<Result<ClaimView>> One(long id, TimeProvider clock, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var found = await db.FindClaimAsync(id, user, ct);
            return found.IsOk ? await ClaimView.LoadAsync(db, id, user, clock, ct) : found.AsFailure();
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/subsidies/claims", async ([AsParameters] Query q, Handler h, CancellationToken ct) => (await h.Handle(q, ct)).ToHttp())
            .WithName(nameof(ListClaims)).WithSummary("Subsidy claims within the caller's scope, newest first").RequireSubsidyReaders();
        api.MapGet("/subsidies/claims/{id:long}", async (long id, Handler h, TimeProvider clock, CancellationToken ct) => (await h.One(id, clock, ct)).ToHttp())
            .WithName("GetClaim").WithSummary("A claim with its lines, verdicts, fraud signals, budget check and history").RequireSubsidyReaders();
    }
}
