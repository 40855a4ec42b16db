namespace CountySkills.Web.Features.Brands;

/// <summary>A brand member with stars, star history, the system's proposal, feedback and version: GET /api/brands/members/{memberId}.</summary>
public static class GetMember
{
    public sealed record Detail(long Id, long BrandId, string BrandName, long PersonId, string Name, string IdNumber, string Code, DateOnly JoinedOn,
        StarLevel Stars, string StarsName, bool Revoked, string? RevokeReason, StarProposal.Proposal Proposal, IReadOnlyList<Detail.Step> History,
        IReadOnlyList<Detail.Note> Feedback, Guid Version)
    {
        public sealed record Step(StarLevel From, StarLevel To, string ToName, StarLevel Proposed, string? Reason, string By, DateTime AtUtc);
        public sealed record Note(long Id, FeedbackKind Kind, string KindName, string Source, string Text, DateOnly OnDate, bool Valid);
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, TimeProvider clock, CurrentUser user)
    {
        public async Task<Result<Detail>> One(long id, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var m = await db.BrandMembers.AsNoTracking().Include(x => x.Brand).Include(x => x.Person).Include(x => x.StarHistory).SingleOrDefaultAsync(x => x.Id == id, ct);
            if (m is null || !user.InArea(m.Person!.AreaCode)) return Result.NotFound("没有找到该品牌成员");
            var proposal = await StarProposal.ForAsync(db, m, m.Brand!, clock.Today(), ct);
            var feedback = await db.Feedback.AsNoTracking().Where(f => f.MemberId == id).OrderByDescending(f => f.OnDate).ToListAsync(ct);
            return new Detail(m.Id, m.BrandId, m.Brand!.Name, m.PersonId, m.Person!.Name, IdNumber.Mask(m.Person.IdNumber), m.Code, m.JoinedOn, m.Stars, Words.Of(m.Stars),
                m.RevokedUtc is not null, m.RevokeReason, proposal,
                m.StarHistory.OrderBy(h => h.Id).Select(h => new Detail.Step(h.From, h.To, Words.Of(h.To), h.Proposed, h.Reason, h.By, h.AtUtc)).ToList(),
                feedback.Select(f => new Detail.Note(f.Id, f.Kind, Words.Of(f.Kind), f.Source, f.Text, f.OnDate, f.Valid)).ToList(), m.Version);
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/brands/members/{memberId:long}", async (long memberId, Handler h, CancellationToken ct) => (await h.One(memberId, ct)).ToHttp())
            .WithName("GetBrandMember").RequireBrandReaders().WithSummary("A member with stars, history, the system's proposal and feedback");
}
