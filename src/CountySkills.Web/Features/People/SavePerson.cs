using FluentValidation;
namespace CountySkills.Web.Features.People;

/// <summary>Create a person (POST /api/people) or edit one (PUT /api/people/{id}, carrying the version it edits). An ID number is
/// one person's ever, so a new or changed number must be refused when the ledger holds it, even outside the caller's scope: for a
/// caller who is not county staff that check is an exact search, counted against their limit, and audited when it meets someone
/// they cannot see (ADR 0015).</summary>
public static class SavePerson
{
    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, ExactSearch.Gate search, IValidator<PersonInput> validator)
    {
        public async Task<Result<PersonDetail>> Create(PersonInput input, CancellationToken ct)
        {
            if (await validator.Refuse(input, ct) is { } bad) return bad;
            var id = IdNumber.Parse(input.IdNumber, clock.Today());
            await using var db = await dbs.CreateDbContextAsync(ct);
            if (await CheckPlace(db, input.VillageCode, ct) is { } refusal) return refusal;
            if (search.Watches && await search.AdmitAsync(db, ct) is { } throttled) return throttled;
            var existing = await db.People.AsNoTracking().Where(p => p.IdNumber == id.Value).Select(p => new { p.Id, p.Name, p.AreaCode }).FirstOrDefaultAsync(ct);
            if (existing is not null)
            {
                if (user.CanSeeArea(existing.AreaCode)) return Result.Conflict($"身份证号 {id.Masked} 已在台账中（{existing.Name}），请直接编辑该人员");
                await AuditOutsideAsync(db, id.Value, existing.Id, existing.AreaCode, ct);
                return Result.Conflict($"身份证号 {id.Masked} 已在其他乡镇的台账中，请联系县级业务人员核实");
            }
            var person = Person.Create(id, input.Name, input.VillageCode, clock.GetUtcNow().UtcDateTime);
            input.ApplyTo(person);
            db.People.Add(person);
            await db.SaveChangesAsync(ct);
            return await PersonDetail.LoadAsync(db, person, clock.Today(), ct);
        }

        public async Task<Result<PersonDetail>> Update(long personId, PersonInput input, CancellationToken ct)
        {
            if (await validator.Refuse(input, ct) is { } bad) return bad;
            if (input.Version is not { } version) return Result.Invalid("version", "请提供所编辑记录的版本号（version）");
            var id = IdNumber.Parse(input.IdNumber, clock.Today());
            await using var db = await dbs.CreateDbContextAsync(ct);
            var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId, ct);
            if (!user.Finds(person)) return PersonScope.NotFound();
            if (!user.CanWriteArea(person!.AreaCode)) return Result.Forbidden("您的角色不能修改人员信息");
            if (person.IsMerged) return Result.Conflict("该记录已合并到其他人员，请编辑保留的记录");
            if (person.AreaCode != input.VillageCode && await CheckPlace(db, input.VillageCode, ct) is { } refusal) return refusal;
            if (id.Value != person.IdNumber)
            {
                if (search.Watches && await search.AdmitAsync(db, ct) is { } throttled) return throttled;
                if (await db.People.AsNoTracking().Where(p => p.IdNumber == id.Value).Select(p => new { p.Id, p.AreaCode }).FirstOrDefaultAsync(ct) is { } other)
                {
                    if (!user.CanSeeArea(other.AreaCode)) await AuditOutsideAsync(db, id.Value, other.Id, other.AreaCode, ct);
                    return Result.Conflict($"身份证号 {id.Masked} 已属于台账中的另一人员");
                }
                person.IdNumber = id.Value;
                person.Sex = id.Sex;
                person.BirthDate = id.BirthDate;
            }
            db.Entry(person).Property(p => p.Version).OriginalValue = version;
            input.ApplyTo(person);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Result.Conflict("该人员已被他人修改，请刷新后在最新内容上重新编辑");
            }
            return await PersonDetail.LoadAsync(db, person, clock.Today(), ct);
        }

        /// <summary>The caller learnt that the ledger holds an ID number outside their scope: written down, masked, against that person.</summary>
        async Task AuditOutsideAsync(AppDbContext db, string idNumber, long personId, string areaCode, CancellationToken ct)
        {
            search.Audit(db, ExactSearch.Kind.IdNumber, idNumber, 1, personId, areaCode, ExactSearch.Purpose.PersonCreate);
            await db.SaveChangesAsync(ct);
        }

        /// <summary>The village must exist and lie in the caller's scope: creating or moving a person there is refused otherwise.</summary>
        async Task<Failure?> CheckPlace(AppDbContext db, string villageCode, CancellationToken ct)
        {
            if (!await db.Regions.AnyAsync(r => r.Code == villageCode && r.Level == AreaLevel.Village, ct))
                return Result.Invalid(nameof(PersonInput.VillageCode), $"区划代码 {villageCode} 不是已知的村（社区）");
            if (!user.CanWriteArea(villageCode)) return Result.Forbidden("不能在您的权限范围以外新增或迁入人员");
            return null;
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/people", async (PersonInput input, Handler h, CancellationToken ct) =>
                (await h.Create(input, ct)).ToHttp(p => TypedResults.Created($"/api/people/{p.Id}", p)))
            .WithName("CreatePerson").ProducesValidationProblem().RequirePermission(Perm.PeopleWrite);
        api.MapPut("/people/{id:long}", async (long id, PersonInput input, Handler h, CancellationToken ct) => (await h.Update(id, input, ct)).ToHttp())
            .WithName("UpdatePerson").ProducesValidationProblem().RequirePermission(Perm.PeopleWrite);
    }

    /// <summary>Who may create and edit ledger people.</summary>
    public static readonly string[] WriteRoles = Perm.RolesOf(Perm.PeopleWrite);
}
