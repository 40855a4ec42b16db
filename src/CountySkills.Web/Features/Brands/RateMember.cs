using FluentValidation;

namespace CountySkills.Web.Features.Brands;

/// <summary>An officer sets a member's stars: the proposal as is, or another level with a reason (stars.reason_required):
/// POST /api/brands/members/{memberId}/stars {stars, reason?, version?}. A member who left cannot be rated (member.revoked).</summary>
public static class RateMember
{
    public sealed record Rate(StarLevel? Stars, string? Reason, Guid? Version);

    public sealed class Validator : AbstractValidator<Rate>
    {
        public Validator() => RuleFor(x => x.Stars).NotNull().IsInEnum().WithMessage("星级应为 一星 至 五星 或 金牌");
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, IValidator<Rate> validator, GetMember.Handler detail)
    {
        public async Task<Result<GetMember.Detail>> SetStars(long id, Rate r, CancellationToken ct)
        {
            if (await validator.Refuse(r, ct) is { } bad) return bad;
            await using (var db = await dbs.CreateDbContextAsync(ct))
            {
                var m = await db.BrandMembers.Include(x => x.Brand).Include(x => x.Person).Include(x => x.StarHistory).SingleOrDefaultAsync(x => x.Id == id, ct);
                if (m is null) return Result.NotFound("没有找到该品牌成员");
                if (r.Version is { } v) db.Entry(m).Property(x => x.Version).OriginalValue = v;
                var proposal = await StarProposal.ForAsync(db, m, m.Brand!, clock.Today(), ct);
                if (m.SetStars(r.Stars!.Value, proposal.Level, r.Reason, user.UserName, clock.GetUtcNow().UtcDateTime) is { } refusal)
                    return refusal.Code == "stars.reason_required" ? Result.Refused(refusal, "reason") : Result.Refused(refusal);
                try { await db.SaveChangesAsync(ct); }
                catch (DbUpdateConcurrencyException) { return Result.Conflict("该成员的星级刚被他人评定，请刷新后查看"); }
            }
            return await detail.One(id, ct);
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/brands/members/{memberId:long}/stars", async (long memberId, Rate r, Handler h, CancellationToken ct) => (await h.SetStars(memberId, r, ct)).ToHttp())
            .WithName("RateBrandMember").ProducesValidationProblem().RequireBrandWriters().WithSummary("Confirm the proposed star level or override it with a reason");
}
