using FluentValidation;

namespace CountySkills.Web.Features.Brands;

/// <summary>A member leaves the brand with a reason (POST /api/brands/members/{memberId}/revoke {reason}); the service card then says so.
/// Leaving twice is refused (member.revoked).</summary>
public static class RevokeMember
{
    public sealed record Leave(string? Reason);

    public sealed class Validator : AbstractValidator<Leave>
    {
        public Validator() => RuleFor(x => x.Reason).NotEmpty().WithMessage("请写明退出原因").MaximumLength(500).WithMessage("退出原因不超过 500 个字");
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, TimeProvider clock, IValidator<Leave> validator, GetMember.Handler detail)
    {
        public async Task<Result<GetMember.Detail>> Revoke(long id, Leave l, CancellationToken ct)
        {
            if (await validator.Refuse(l, ct) is { } bad) return bad;
            await using (var db = await dbs.CreateDbContextAsync(ct))
            {
                var m = await db.BrandMembers.SingleOrDefaultAsync(x => x.Id == id, ct);
                if (m is null) return Result.NotFound("没有找到该品牌成员");
                if (m.RevokedUtc is not null) return Result.Refused(new("member.revoked", "该成员已退出品牌"));
                (m.RevokedUtc, m.RevokeReason) = (clock.GetUtcNow().UtcDateTime, l.Reason!.Trim());
                await db.SaveChangesAsync(ct);
            }
            return await detail.One(id, ct);
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/brands/members/{memberId:long}/revoke", async (long memberId, Leave l, Handler h, CancellationToken ct) => (await h.Revoke(memberId, l, ct)).ToHttp())
            .WithName("RevokeBrandMember").ProducesValidationProblem().RequireBrandWriters().WithSummary("The member leaves the brand; the service card then says so");
}
