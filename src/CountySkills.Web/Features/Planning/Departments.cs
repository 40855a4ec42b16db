using System.Text.RegularExpressions;
using FluentValidation;

namespace CountySkills.Web.Features.Planning;

/// <summary>The county departments targets are split over: GET/POST /api/planning/departments, PUT /api/planning/departments/{id} (with version),
/// DELETE /api/planning/departments/{id} (deletes one nothing refers to; one in use is deactivated instead and stays on its records).</summary>
public static partial class Departments
{
    public sealed record View(long Id, string Code, string Name, string? NameEn, int SortOrder, bool Active, bool Used, Guid Version);

    public sealed class Input
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public string? NameEn { get; set; }
        public int SortOrder { get; set; }
        public bool? Active { get; set; }
        public Guid? Version { get; set; }
    }

    [GeneratedRegex("^[a-z][a-z0-9_-]{1,19}$")] private static partial Regex CodeShape();

    public sealed class Validator : AbstractValidator<Input>
    {
        public Validator()
        {
            RuleFor(x => x.Code).NotEmpty().WithMessage("请填写部门代码（如 hrss、agri）")
                .Must(c => c is null || CodeShape().IsMatch(c.Trim())).WithMessage("部门代码为 2 至 20 位小写字母、数字、- 或 _，以字母开头");
            RuleFor(x => x.Name).NotEmpty().WithMessage("请填写部门名称").MaximumLength(60).WithMessage("部门名称不超过 60 个字");
            RuleFor(x => x.NameEn).MaximumLength(100).WithMessage("英文名称不超过 100 个字符");
            RuleFor(x => x.SortOrder).InclusiveBetween(0, 9999).WithMessage("排序号应在 0 至 9999 之间");
        }
    }

    /// <summary>Whether anything refers to the department: an institution, a leadership member, a reported value or a split of a plan (by id or code).</summary>
    public static async Task<bool> UsedAsync(AppDbContext db, Department d, CancellationToken ct)
    {
        if (await db.Institutions.AnyAsync(i => i.DepartmentId == d.Id, ct) || await db.LeadershipMembers.AnyAsync(m => m.DepartmentId == d.Id, ct)
            || await db.ReportedValues.AnyAsync(v => v.DepartmentId == d.Id, ct)) return true;
        var plans = await db.Plans.AsNoTracking().Select(p => p.ItemsJson).ToListAsync(ct);
        var id = d.Id.ToString();
        return plans.SelectMany(Plan.ParseItems).SelectMany(i => i.Splits).Any(s => s.Kind == SplitKind.Department && (s.Code == d.Code || s.Code == id));
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, IValidator<Input> validator)
    {
        public async Task<List<View>> List(CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var list = new List<View>();
            foreach (var d in await db.Departments.AsNoTracking().OrderBy(d => d.SortOrder).ThenBy(d => d.Id).ToListAsync(ct))
                list.Add(ViewOf(d, await UsedAsync(db, d, ct)));
            return list;
        }

        static View ViewOf(Department d, bool used) => new(d.Id, d.Code, d.Name, d.NameEn, d.SortOrder, d.Active, used, d.Version);

        public async Task<Result<View>> Save(long? id, Input input, CancellationToken ct)
        {
            var v = await validator.ValidateAsync(input, ct);
            if (!v.IsValid) return Result.Invalid(Http.CamelKeys(v.ToDictionary()));
            await using var db = await dbs.CreateDbContextAsync(ct);
            var code = input.Code!.Trim();
            Department? d;
            if (id is null) db.Departments.Add(d = new Department { Code = code, Name = "" });
            else
            {
                d = await db.Departments.SingleOrDefaultAsync(x => x.Id == id, ct);
                if (d is null) return Result.NotFound("没有找到该部门");
                if (input.Version is not { } version) return Result.Invalid("version", "请提供所编辑部门的版本号（version）", "version.required");
                if (version != d.Version) return Stale;
                if (code != d.Code && await UsedAsync(db, d, ct))
                    return new Failure(Outcome.Conflict, $"部门代码“{d.Code}”已被目标任务或其他记录使用，不能修改", null, "department.in_use");
                db.Entry(d).Property(x => x.Version).OriginalValue = version;
                d.Touch();
            }
            if (await db.Departments.AnyAsync(x => x.Code == code && x.Id != d.Id, ct)) return new Failure(Outcome.Conflict, $"部门代码“{code}”已存在", null, "department.code_taken");
            (d.Code, d.Name, d.NameEn, d.SortOrder) = (code, input.Name!.Trim(), string.IsNullOrWhiteSpace(input.NameEn) ? null : input.NameEn.Trim(), input.SortOrder);
            if (input.Active is { } active) d.Active = active;
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateConcurrencyException) { return Stale; }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e)) { return new Failure(Outcome.Conflict, $"部门代码“{code}”已存在", null, "department.code_taken"); }
            return ViewOf(d, await UsedAsync(db, d, ct));
        }

        /// <summary>Deletes an unused department (null); deactivates one in use and answers it.</summary>
        public async Task<Result<View?>> Remove(long id, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var d = await db.Departments.SingleOrDefaultAsync(x => x.Id == id, ct);
            if (d is null) return Result.NotFound("没有找到该部门");
            if (!await UsedAsync(db, d, ct)) { db.Departments.Remove(d); await db.SaveChangesAsync(ct); return Result<View?>.Of(null); }
            d.Active = false;
            d.Touch();
            await db.SaveChangesAsync(ct);
            return Result<View?>.Of(ViewOf(d, true));
        }

        static Failure Stale => new(Outcome.Conflict, "该部门已被他人修改，请刷新后重试", null, "department.stale");
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/planning/departments").WithTags("Planning");
        g.MapGet("", async (Handler h, CancellationToken ct) => TypedResults.Ok(await h.List(ct))).WithName("ListDepartments").RequirePermission(Perm.PlanningRead)
            .WithSummary("The county departments targets are split over (with whether anything refers to each)");
        g.MapPost("", async (Input input, Handler h, CancellationToken ct) => (await h.Save(null, input, ct)).ToHttp(v => TypedResults.Created($"/api/planning/departments/{v.Id}", v)))
            .WithName("CreateDepartment").RequirePermission(Perm.PlanningWrite).WithSummary("Add a department");
        g.MapPut("/{id:long}", async (long id, Input input, Handler h, CancellationToken ct) => (await h.Save(id, input, ct)).ToHttp())
            .WithName("UpdateDepartment").RequirePermission(Perm.PlanningWrite).WithSummary("Change a department (with its version); active=false deactivates it");
        g.MapDelete("/{id:long}", async (long id, Handler h, CancellationToken ct) =>
                (await h.Remove(id, ct)).ToHttp(v => v is null ? TypedResults.NoContent() : TypedResults.Ok(v)))
            .WithName("DeleteDepartment").RequirePermission(Perm.PlanningWrite).WithSummary("Delete an unused department; one in use is deactivated instead (200 with it)");
    }
}
