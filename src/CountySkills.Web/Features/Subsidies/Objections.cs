using FluentValidation;

namespace CountySkills.Web.Features.Subsidies;

/// <summary>
/// Objections filed during a notice, for county staff: GET /api/subsidies/objections?status=Open, GET /api/subsidies/claims/{id}/objections,
/// and POST /api/subsidies/objections/{id}/resolution {"outcome": "upheld" | "dismissed", "reason", "lineIds"?, "version"?}. Upheld: the
/// named lines (or the line the objection names) are rejected; dismissed: recorded with its reason. A claim is approved only
/// when none is open.
/// </summary>
public static class Objections
{
    public enum Outcome { Upheld = 1, Dismissed = 2 }

    public sealed record View(long Id, long ClaimId, string ClaimNumber, long? LineId, string? LineName, string Contact, string Text, DateTime FiledUtc,
        ObjectionStatus Status, string StatusName, string? Resolution, string? ResolvedBy, DateTime? ResolvedUtc, Guid Version);

    public sealed record Resolution(Outcome? Outcome, string? Reason, List<long>? LineIds, Guid? Version);

    public sealed class Validator : AbstractValidator<Resolution>
    {
        public Validator()
        {
            RuleFor(x => x.Outcome).NotNull().IsInEnum().WithMessage("处理结果应为 upheld（异议成立）或 dismissed（异议不成立）");
            RuleFor(x => x.Reason).NotEmpty().WithMessage("请写明调查结论").MaximumLength(1000).WithMessage("调查结论不超过 1000 个字");
        }
    }

    static IQueryable<View> Views(AppDbContext db, IQueryable<Objection> q) => q.OrderBy(o => o.Id).Select(o => new View(o.Id, o.ClaimId,
        db.Claims.Where(c => c.Id == o.ClaimId).Select(c => c.Number).First(), o.LineId,
        db.ClaimLines.Where(l => l.Id == o.LineId).Select(l => l.Person!.Name).FirstOrDefault(), o.Contact, o.Text, o.FiledUtc, o.Status, "", o.Resolution,
        o.ResolvedBy, o.ResolvedUtc, o.Version));

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock)
    {
        public async Task<Result<List<View>>> ForClaim(long claimId, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var found = await db.FindClaimAsync(claimId, user, ct);
            if (!found.IsOk) return found.AsFailure();
            return Named(await Views(db, db.Objections.AsNoTracking().Where(o => o.ClaimId == claimId)).ToListAsync(ct));
        }

        public async Task<List<View>> All(ObjectionStatus? status, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var q = db.Objections.AsNoTracking();
            if (status is { } s) q = q.Where(o => o.Status == s);
            return Named(await Views(db, q).ToListAsync(ct));
        }

        static List<View> Named(List<View> list) => list.Select(v => v with { StatusName = Words.Of(v.Status) }).ToList();

        public async Task<Result<View>> Resolve(long id, Resolution input, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var o = await db.Objections.SingleOrDefaultAsync(x => x.Id == id, ct);
            if (o is null) return Result.NotFound("没有找到该异议");
            if (input.Version is { } v && v != o.Version) return Result.Conflict("该异议已被他人处理，请刷新后查看");
            var claim = await db.Claims.Include(c => c.Lines).SingleAsync(c => c.Id == o.ClaimId, ct);
            var upheld = input.Outcome == Outcome.Upheld;
            var ids = (input.LineIds is { Count: > 0 } given ? given : o.LineId is { } one ? [one] : []).ToHashSet();
            var lines = upheld ? claim.Lines.Where(l => ids.Contains(l.Id)).ToList() : [];
            if (upheld && lines.Count != ids.Count) return Result.Invalid("lineIds", "所列人员不在该申请的名单中");
            if (upheld && claim.Status is ClaimStatus.Approved or ClaimStatus.Paid)
                return Result.Refused(new("claim.invalid_state", "申请已审批，异议成立须先撤销审批"));
            var refusal = o.Resolve(upheld, input.Reason, lines, user.UserName, clock.GetUtcNow().UtcDateTime);
            if (refusal is not null) return refusal.Code == "objection.line_required" ? Result.Refused(refusal, "lineIds") : Result.Refused(refusal);
            if (upheld) claim.Touch();
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException e) when (DbErrors.IsWriteConflict(e)) { return Result.Conflict("该异议或申请刚被他人处理，请刷新后查看"); }
            return Named(await Views(db, db.Objections.AsNoTracking().Where(x => x.Id == id)).ToListAsync(ct)).Single();
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/subsidies/claims/{id:long}/objections", async (long id, Handler h, CancellationToken ct) => (await h.ForClaim(id, ct)).ToHttp())
            .WithName("ListClaimObjections").WithSummary("Objections filed against a claim's notice (county staff and auditors: the objector's contact is protected)")
            .RequirePermission(Perm.SubsidiesFinance);
        api.MapGet("/subsidies/objections", async (string? status, Handler h, CancellationToken ct) =>
            {
                ObjectionStatus? s = null;
                if (!string.IsNullOrWhiteSpace(status))
                {
                    if (!Zh.TryParse<ObjectionStatus>(status, out var parsed)) return Http.Problem(400, $"未知的异议状态：{status}");
                    s = parsed;
                }
                return Results.Ok(await h.All(s, ct));
            })
            .WithName("ListObjections").WithSummary("All objections, optionally by status (Open, Upheld, Dismissed)")
            .RequirePermission(Perm.SubsidiesFinance);
        api.MapPost("/subsidies/objections/{id:long}/resolution", async (long id, Resolution input, Handler h, CancellationToken ct) => (await h.Resolve(id, input, ct)).ToHttp())
            .WithName("ResolveObjection").WithValidation<Resolution>().RequireSubsidyCounty()
            .WithSummary("Uphold (the lines are rejected) or dismiss (with reason) an objection");
    }
}
