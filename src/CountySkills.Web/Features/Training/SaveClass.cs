using FluentValidation;
namespace CountySkills.Web.Features.Training;

/// <summary>Plan a class (POST /api/training/classes) or change its plan while it is a draft or returned (PUT, with version).</summary>
public static class SaveClass
{
    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, IValidator<ClassInput> validator)
    {
        public async Task<Result<ClassView>> Create(ClassInput input, CancellationToken ct)
        {
            if (await validator.Refuse(input, ct) is { } bad) return bad;
            await using var db = await dbs.CreateDbContextAsync(ct);
            var refs = await Resolve(db, input, ct);
            if (!refs.IsOk) return refs.AsFailure();
            var cls = new TrainingClass { Name = "", CreatedUtc = clock.GetUtcNow().UtcDateTime, CreatedBy = user.UserName };
            input.ApplyTo(cls, refs.Value.InstitutionId, refs.Value.OccupationId);
            db.Classes.Add(cls);
            await db.SaveChangesAsync(ct);
            return await ClassView.LoadAsync(db, cls.Id, user, ct);
        }

        public async Task<Result<ClassView>> Update(long id, ClassInput input, CancellationToken ct)
        {
            if (await validator.Refuse(input, ct) is { } bad) return bad;
            if (input.Version is not { } version) return Result.Invalid("version", "请提供所编辑记录的版本号（version）");
            await using var db = await dbs.CreateDbContextAsync(ct);
            var found = await db.FindClassForWriteAsync(id, user, ct);
            if (!found.IsOk) return found.AsFailure();
            var cls = found.Value!;
            if (cls.Version != version) return Result.Conflict("该培训班已被他人修改，请刷新后在最新内容上重新编辑");
            if (!cls.Editable) return Result.Refused(new Refusal("class.not_editable", $"培训班当前为“{Zh.Of(cls.Status)}”，只有草稿或被退回的开班申请可以修改"));
            var refs = await Resolve(db, input, ct);
            if (!refs.IsOk) return refs.AsFailure();
            if (refs.Value.InstitutionId != cls.InstitutionId && !user.IsCounty()) return Result.Forbidden("不能把培训班改到其他机构");
            var enrolled = await db.Enrolments.CountAsync(e => e.ClassId == id && e.Status == EnrolmentStatus.Active, ct);
            if (input.Capacity < enrolled) return Result.Invalid(nameof(ClassInput.Capacity), $"已有 {enrolled} 名学员在册，计划招收人数不能少于 {enrolled}");
            if (input.StartDate != cls.StartDate || input.EndDate != cls.EndDate)
            {
                // Moving the dates must not put a trainee of this class into two classes at once.
                var (start, end) = (input.StartDate, input.EndDate);
                var clash = await (from e in db.Enrolments
                                   join o in db.Enrolments on e.PersonId equals o.PersonId
                                   join oc in db.Classes on o.ClassId equals oc.Id
                                   join p in db.People on e.PersonId equals p.Id
                                   where e.ClassId == id && e.Status == EnrolmentStatus.Active && o.ClassId != id && o.Status == EnrolmentStatus.Active
                                         && oc.StartDate <= end && start <= oc.EndDate
                                   select new { p.Name, Other = oc.Name }).FirstOrDefaultAsync(ct);
                if (clash is not null)
                    return Result.Refused(new Refusal("enrolment.overlap", $"改期后与学员 {clash.Name} 已报名的“{clash.Other}”培训时间重叠，请先调整学员名单"));
            }
            db.Entry(cls).Property(c => c.Version).OriginalValue = version;
            input.ApplyTo(cls, refs.Value.InstitutionId, refs.Value.OccupationId);
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateConcurrencyException) { return Result.Conflict("该培训班已被他人修改，请刷新后在最新内容上重新编辑"); }
            return await ClassView.LoadAsync(db, cls.Id, user, ct);
        }

        /// <summary>The institution (institution staff: their own), occupation (by id or code) and employer must exist and agree with the level.</summary>
        async Task<Result<(long InstitutionId, long OccupationId)>> Resolve(AppDbContext db, ClassInput input, CancellationToken ct)
        {
            long institutionId;
            if (user.IsInRole(Infrastructure.Auth.Roles.InstitutionStaff))
            {
                if (user.InstitutionId is not { } own) return Result.Forbidden("您的账号未关联培训机构");
                if (input.InstitutionId is { } other && other != own) return Result.Forbidden("只能为本机构开班");
                institutionId = own;
            }
            else if (input.InstitutionId is { } chosen) institutionId = chosen;
            else return Result.Invalid(nameof(ClassInput.InstitutionId), "请选择培训机构");
            if (!await db.Institutions.AnyAsync(i => i.Id == institutionId, ct)) return Result.Invalid(nameof(ClassInput.InstitutionId), "培训机构不存在");

            var occupation = input.OccupationId is { } oid
                ? await db.Occupations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == oid, ct)
                : await db.Occupations.AsNoTracking().SingleOrDefaultAsync(o => o.Code == input.OccupationCode!.Trim(), ct);
            if (occupation is null) return Result.Invalid(nameof(ClassInput.OccupationId), "培训职业（工种）不在职业目录中");
            if (input.Level == SkillLevel.None ? occupation.Levels.Count > 0 && input.Kind != ClassKind.Entrepreneurship : !occupation.Offers(input.Level))
                return Result.Invalid(nameof(ClassInput.Level), occupation.Levels.Count == 0
                    ? $"{occupation.Name}不分等级，请选择“无等级”"
                    : $"{occupation.Name}的等级为：{string.Join("、", occupation.Levels.Select(Zh.Of))}，没有“{Zh.Of(input.Level)}”");
            if (input.EmployerId is { } eid && !await db.Employers.AnyAsync(e => e.Id == eid, ct))
                return Result.Invalid(nameof(ClassInput.EmployerId), "关联的用工企业不存在");
            return (institutionId, occupation.Id);
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/training/classes", async (ClassInput input, Handler h, CancellationToken ct) =>
                (await h.Create(input, ct)).ToHttp(v => TypedResults.Created($"/api/training/classes/{v.Id}", v)))
            .WithName("CreateClass").ProducesValidationProblem().RequireWriters();
        api.MapPut("/training/classes/{id:long}", async (long id, ClassInput input, Handler h, CancellationToken ct) => (await h.Update(id, input, ct)).ToHttp())
            .WithName("UpdateClass").ProducesValidationProblem().RequireWriters();
        api.MapGet("/training/classes/{id:long}", async (long id, IDbContextFactory<AppDbContext> dbs, CurrentUser user, CancellationToken ct) =>
            {
                await using var db = await dbs.CreateDbContextAsync(ct);
                var found = await db.FindClassAsync(id, user, ct, track: false);
                return found.IsOk ? TypedResults.Ok(await ClassView.LoadAsync(db, id, user, ct)) : found.ToHttp();
            })
            .WithName("GetClass").RequireReaders();
    }
}
