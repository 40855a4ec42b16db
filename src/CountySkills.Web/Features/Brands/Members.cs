using FluentValidation;

namespace CountySkills.Web.Features.Brands;

/// <summary>
/// Brand members: GET /api/brands/{id}/members; POST /api/brands/{id}/members {personId | idNumber} or {classId} (every passed trainee of one
/// of the brand's classes); GET /api/brands/members/{memberId} (stars, history, the system's proposal, feedback, certificates);
/// POST …/{memberId}/stars {stars, reason?, version?} (the proposal, or another level with a reason); POST …/{memberId}/feedback;
/// POST …/{memberId}/revoke {reason}.
/// </summary>
public static class Members
{
    public sealed record Item(long Id, long PersonId, string Name, string IdNumber, string Code, DateOnly JoinedOn, StarLevel Stars, string StarsName, bool Active);

    public sealed record Detail(long Id, long BrandId, string BrandName, long PersonId, string Name, string IdNumber, string Code, DateOnly JoinedOn,
        StarLevel Stars, string StarsName, bool Revoked, string? RevokeReason, StarProposal.Proposal Proposal, IReadOnlyList<Detail.Step> History,
        IReadOnlyList<Detail.Note> Feedback, Guid Version)
    {
        public sealed record Step(StarLevel From, StarLevel To, string ToName, StarLevel Proposed, string? Reason, string By, DateTime AtUtc);
        public sealed record Note(long Id, FeedbackKind Kind, string KindName, string Source, string Text, DateOnly OnDate, bool Valid);
    }

    public sealed record Join(long? PersonId, string? IdNumber, long? ClassId);
    public sealed record Rate(StarLevel? Stars, string? Reason, Guid? Version);
    public sealed record Say(FeedbackKind? Kind, string? Source, string? Text, DateOnly? OnDate, bool? Valid);
    public sealed record Leave(string? Reason);

    public sealed class RateValidator : AbstractValidator<Rate>
    {
        public RateValidator() => RuleFor(x => x.Stars).NotNull().IsInEnum().WithMessage("星级应为 一星 至 五星 或 金牌");
    }

    public sealed class SayValidator : AbstractValidator<Say>
    {
        public SayValidator()
        {
            RuleFor(x => x.Kind).NotNull().IsInEnum().WithMessage("请选择 表扬 或 投诉");
            RuleFor(x => x.Source).NotEmpty().WithMessage("请填写来源（客户或用工单位）").MaximumLength(100);
            RuleFor(x => x.Text).NotEmpty().WithMessage("请填写内容").MaximumLength(2000);
        }
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock)
    {
        public async Task<Result<List<Item>>> List(long brandId, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            if (!await db.Brands.AnyAsync(b => b.Id == brandId, ct)) return Result.NotFound("没有找到该品牌");
            var rows = await db.BrandMembers.AsNoTracking().Where(m => m.BrandId == brandId).OrderByDescending(m => m.Stars).ThenBy(m => m.Id)
                .Select(m => new { m.Id, m.PersonId, m.Person!.Name, m.Person.IdNumber, m.Code, m.JoinedOn, m.Stars, m.RevokedUtc }).ToListAsync(ct);
            return rows.Select(m => new Item(m.Id, m.PersonId, m.Name, IdNumber.Mask(m.IdNumber), m.Code, m.JoinedOn, m.Stars, Words.Of(m.Stars), m.RevokedUtc is null)).ToList();
        }

        public async Task<Result<List<Item>>> Add(long brandId, Join j, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var brand = await db.Brands.AsNoTracking().SingleOrDefaultAsync(b => b.Id == brandId, ct);
            if (brand is null) return Result.NotFound("没有找到该品牌");
            var today = clock.Today();
            List<(long PersonId, long? ClassId)> joining;
            if (j.ClassId is { } classId)
            {
                var cls = await db.Classes.AsNoTracking().SingleOrDefaultAsync(c => c.Id == classId, ct);
                if (cls is null) return Result.Invalid("classId", "没有找到该培训班");
                if (cls.BrandId != brandId) return Result.Refused(new("member.class_not_of_brand", $"培训班“{cls.Name}”不是本品牌的培训班"), "classId");
                joining = (await db.Enrolments.Where(e => e.ClassId == classId && e.Status == EnrolmentStatus.Active && e.Passed == true).Select(e => e.PersonId).ToListAsync(ct))
                    .Select(p => (p, (long?)classId)).ToList();
            }
            else
            {
                var idNumber = j.IdNumber is { } t && IdNumber.TryParse(t, today, out var parsed, out _) ? parsed.Value : null;
                if (j.PersonId is null && idNumber is null) return Result.Invalid("idNumber", "请填写有效的身份证号或选择人员");
                var person = await db.People.AsNoTracking().Where(p => j.PersonId != null ? p.Id == j.PersonId : p.IdNumber == idNumber)
                    .Select(p => new { p.Id, p.MergedIntoId }).SingleOrDefaultAsync(ct);
                if (person is null) return Result.Invalid(j.PersonId is null ? "idNumber" : "personId", "台账中没有此人") with { Code = "person.not_in_ledger" };
                if (await db.BrandMembers.AnyAsync(m => m.BrandId == brandId && m.PersonId == (person.MergedIntoId ?? person.Id), ct))
                    return Result.Refused(new("member.duplicate", "此人已是本品牌成员"));
                joining = [(person.MergedIntoId ?? person.Id, null)];
            }
            var already = await db.BrandMembers.Where(m => m.BrandId == brandId).Select(m => m.PersonId).ToListAsync(ct);
            foreach (var (pid, cid) in joining.Where(x => !already.Contains(x.PersonId)))
                db.BrandMembers.Add(new BrandMember { BrandId = brandId, PersonId = pid, Code = BrandMember.NewCode(), JoinedOn = today, FromClassId = cid });
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e)) { return Result.Refused(new("member.duplicate", "此人刚刚已加入本品牌")); }
            return await List(brandId, ct);
        }

        public async Task<Result<Detail>> One(long id, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var m = await db.BrandMembers.AsNoTracking().Include(x => x.Brand).Include(x => x.Person).Include(x => x.StarHistory).SingleOrDefaultAsync(x => x.Id == id, ct);
            if (m is null) return Result.NotFound("没有找到该品牌成员");
            var proposal = await StarProposal.ForAsync(db, m, m.Brand!, clock.Today(), ct);
            var feedback = await db.Feedback.AsNoTracking().Where(f => f.MemberId == id).OrderByDescending(f => f.OnDate).ToListAsync(ct);
            return new Detail(m.Id, m.BrandId, m.Brand!.Name, m.PersonId, m.Person!.Name, IdNumber.Mask(m.Person.IdNumber), m.Code, m.JoinedOn, m.Stars, Words.Of(m.Stars),
                m.RevokedUtc is not null, m.RevokeReason, proposal,
                m.StarHistory.OrderBy(h => h.Id).Select(h => new Detail.Step(h.From, h.To, Words.Of(h.To), h.Proposed, h.Reason, h.By, h.AtUtc)).ToList(),
                feedback.Select(f => new Detail.Note(f.Id, f.Kind, Words.Of(f.Kind), f.Source, f.Text, f.OnDate, f.Valid)).ToList(), m.Version);
        }

        public async Task<Result<Detail>> SetStars(long id, Rate r, CancellationToken ct)
        {
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
            return await One(id, ct);
        }

        public async Task<Result<Detail>> AddFeedback(long id, Say s, CancellationToken ct)
        {
            await using (var db = await dbs.CreateDbContextAsync(ct))
            {
                if (!await db.BrandMembers.AnyAsync(m => m.Id == id, ct)) return Result.NotFound("没有找到该品牌成员");
                var on = s.OnDate ?? clock.Today();
                if (on > clock.Today()) return Result.Invalid("onDate", "日期不能晚于今天");
                db.Feedback.Add(new MemberFeedback { MemberId = id, Kind = s.Kind!.Value, Source = s.Source!.Trim(), Text = s.Text!.Trim(), OnDate = on, Valid = s.Valid ?? true,
                    RecordedBy = user.UserName, RecordedUtc = clock.GetUtcNow().UtcDateTime });
                await db.SaveChangesAsync(ct);
            }
            return await One(id, ct);
        }

        public async Task<Result<Detail>> Revoke(long id, Leave l, CancellationToken ct)
        {
            await using (var db = await dbs.CreateDbContextAsync(ct))
            {
                var m = await db.BrandMembers.SingleOrDefaultAsync(x => x.Id == id, ct);
                if (m is null) return Result.NotFound("没有找到该品牌成员");
                if (m.RevokedUtc is not null) return Result.Refused(new("member.revoked", "该成员已退出品牌"));
                if (string.IsNullOrWhiteSpace(l.Reason)) return Result.Invalid("reason", "请写明退出原因");
                (m.RevokedUtc, m.RevokeReason) = (clock.GetUtcNow().UtcDateTime, l.Reason.Trim());
                await db.SaveChangesAsync(ct);
            }
            return await One(id, ct);
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/brands/{id:long}/members", async (long id, Handler h, CancellationToken ct) => (await h.List(id, ct)).ToHttp())
            .WithName("ListBrandMembers").RequireBrandReaders();
        api.MapPost("/brands/{id:long}/members", async (long id, Join j, Handler h, CancellationToken ct) =>
                (await h.Add(id, j, ct)).ToHttp(v => TypedResults.Created($"/api/brands/{id}/members", v)))
            .WithName("AddBrandMembers").RequireBrandWriters().WithSummary("A person joins the brand, or every passed trainee of one of its classes");
        api.MapGet("/brands/members/{memberId:long}", async (long memberId, Handler h, CancellationToken ct) => (await h.One(memberId, ct)).ToHttp())
            .WithName("GetBrandMember").RequireBrandReaders().WithSummary("A member with stars, history, the system's proposal and feedback");
        api.MapPost("/brands/members/{memberId:long}/stars", async (long memberId, Rate r, Handler h, CancellationToken ct) => (await h.SetStars(memberId, r, ct)).ToHttp())
            .WithName("RateBrandMember").WithValidation<Rate>().RequireBrandWriters().WithSummary("Confirm the proposed star level or override it with a reason");
        api.MapPost("/brands/members/{memberId:long}/feedback", async (long memberId, Say s, Handler h, CancellationToken ct) =>
                (await h.AddFeedback(memberId, s, ct)).ToHttp(v => TypedResults.Created($"/api/brands/members/{memberId}", v)))
            .WithName("AddMemberFeedback").WithValidation<Say>().RequireBrandWriters().WithSummary("Record a commendation or complaint");
        api.MapPost("/brands/members/{memberId:long}/revoke", async (long memberId, Leave l, Handler h, CancellationToken ct) => (await h.Revoke(memberId, l, ct)).ToHttp())
            .WithName("RevokeBrandMember").RequireBrandWriters().WithSummary("The member leaves the brand; the service card then says so");
    }
}
