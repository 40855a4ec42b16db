using FluentValidation;

namespace CountySkills.Web.Features.Brands;

/// <summary>
/// A person joins a brand (POST /api/brands/{id}/members {personId | idNumber}), or every passed trainee of one of the brand's classes does
/// ({classId}); people already in the brand are skipped. Refusals: member.class_not_of_brand, member.duplicate, person.not_in_ledger.
/// </summary>
public static class AddMembers
{
    public sealed record Join(long? PersonId, string? IdNumber, long? ClassId);

    public sealed class Validator : AbstractValidator<Join>
    {
        public Validator() => RuleFor(x => x).Must(j => j.ClassId is not null || j.PersonId is not null || !string.IsNullOrWhiteSpace(j.IdNumber))
            .OverridePropertyName("idNumber").WithMessage("请填写有效的身份证号或选择人员");
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, TimeProvider clock, IValidator<Join> validator)
    {
        public async Task<Result<List<ListMembers.Item>>> Add(long brandId, Join j, CancellationToken ct)
        {
            if (await validator.Refuse(j, ct) is { } bad) return bad;
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
            return await ListMembers.Load(db, brandId, ct);
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/brands/{id:long}/members", async (long id, Join j, Handler h, CancellationToken ct) =>
                (await h.Add(id, j, ct)).ToHttp(v => TypedResults.Created($"/api/brands/{id}/members", v)))
            .WithName("AddBrandMembers").ProducesValidationProblem().RequireBrandWriters()
            .WithSummary("A person joins the brand, or every passed trainee of one of its classes");
}
