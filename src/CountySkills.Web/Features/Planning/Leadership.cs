using FluentValidation;

namespace CountySkills.Web.Features.Planning;

/// <summary>The county's leadership group for the work (领导小组): GET/POST /api/planning/leadership, PUT/DELETE /api/planning/leadership/{id}.</summary>
public static class Leadership
{
    /// <summary>The posts of the group, in the order the group is listed.</summary>
    public static readonly string[] Posts = ["组长", "副组长", "成员"];

    public sealed record View(long Id, string Name, string GroupPost, string? Office, long? DepartmentId, string? DepartmentName, int SortOrder, Guid Version);

    public sealed class Input
    {
        public string? Name { get; set; }
        public string? GroupPost { get; set; }
        public string? Office { get; set; }
        public long? DepartmentId { get; set; }
        public int SortOrder { get; set; }
        public Guid? Version { get; set; }
    }

    public sealed class Validator : AbstractValidator<Input>
    {
        public Validator()
        {
            RuleFor(x => x.Name).NotEmpty().WithMessage("请填写姓名").MaximumLength(40).WithMessage("姓名不超过 40 个字");
            RuleFor(x => x.GroupPost).Must(p => p is not null && Posts.Contains(p.Trim())).WithMessage("小组职务应为 组长、副组长 或 成员");
            RuleFor(x => x.Office).MaximumLength(100).WithMessage("职务不超过 100 个字");
            RuleFor(x => x.SortOrder).InclusiveBetween(0, 9999).WithMessage("排序号应在 0 至 9999 之间");
        }
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, IValidator<Input> validator)
    {
        public async Task<List<View>> List(CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);
            return (await db.LeadershipMembers.AsNoTracking().ToListAsync(ct))
                .OrderBy(m => Array.IndexOf(Posts, m.GroupPost) is var i && i < 0 ? Posts.Length : i).ThenBy(m => m.SortOrder).ThenBy(m => m.Id)
                .Select(m => ViewOf(m, departments)).ToList();
        }

        static View ViewOf(LeadershipMember m, IReadOnlyDictionary<long, string> departments) =>
            new(m.Id, m.Name, m.GroupPost, m.Office, m.DepartmentId, m.DepartmentId is { } d ? departments.GetValueOrDefault(d) : null, m.SortOrder, m.Version);

        public async Task<Result<View>> Save(long? id, Input input, CancellationToken ct)
        {
            var v = await validator.ValidateAsync(input, ct);
            if (!v.IsValid) return Result.Invalid(Http.CamelKeys(v.ToDictionary()));
            await using var db = await dbs.CreateDbContextAsync(ct);
            if (input.DepartmentId is { } dep && !await db.Departments.AnyAsync(d => d.Id == dep, ct))
                return Result.Invalid("departmentId", "所选部门不存在", "department.not_found");
            LeadershipMember? m;
            if (id is null) db.LeadershipMembers.Add(m = new LeadershipMember { Name = "", GroupPost = "" });
            else
            {
                m = await db.LeadershipMembers.SingleOrDefaultAsync(x => x.Id == id, ct);
                if (m is null) return Result.NotFound("没有找到该成员");
                // The version is checked when given (the page always sends it).
                if (input.Version is { } version)
                {
                    if (version != m.Version) return Stale;
                    db.Entry(m).Property(x => x.Version).OriginalValue = version;
                }
                m.Touch();
            }
            (m.Name, m.GroupPost, m.Office, m.DepartmentId, m.SortOrder) =
                (input.Name!.Trim(), input.GroupPost!.Trim(), string.IsNullOrWhiteSpace(input.Office) ? null : input.Office.Trim(), input.DepartmentId, input.SortOrder);
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateConcurrencyException) { return Stale; }
            return ViewOf(m, await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct));
        }

        public async Task<Result<bool>> Delete(long id, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var m = await db.LeadershipMembers.SingleOrDefaultAsync(x => x.Id == id, ct);
            if (m is null) return Result.NotFound("没有找到该成员");
            db.LeadershipMembers.Remove(m);
            await db.SaveChangesAsync(ct);
            return true;
        }

        static Failure Stale => new(Outcome.Conflict, "该记录已被他人修改，请刷新后重试", null, "leadership.stale");
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/planning/leadership").WithTags("Planning");
        g.MapGet("", async (Handler h, CancellationToken ct) => TypedResults.Ok(await h.List(ct))).WithName("ListLeadership").RequirePermission(Perm.PlanningRead)
            .WithSummary("The leadership group: 组长, 副组长, 成员 with office and department");
        g.MapPost("", async (Input input, Handler h, CancellationToken ct) => (await h.Save(null, input, ct)).ToHttp(v => TypedResults.Created($"/api/planning/leadership/{v.Id}", v)))
            .WithName("CreateLeadershipMember").RequirePermission(Perm.PlanningWrite).WithSummary("Add a member to the leadership group");
        g.MapPut("/{id:long}", async (long id, Input input, Handler h, CancellationToken ct) => (await h.Save(id, input, ct)).ToHttp())
            .WithName("UpdateLeadershipMember").RequirePermission(Perm.PlanningWrite).WithSummary("Change a member (with its version)");
        g.MapDelete("/{id:long}", async (long id, Handler h, CancellationToken ct) => (await h.Delete(id, ct)).ToHttp(_ => TypedResults.NoContent()))
            .WithName("DeleteLeadershipMember").RequirePermission(Perm.PlanningWrite).WithSummary("Remove a member from the leadership group");
    }
}
