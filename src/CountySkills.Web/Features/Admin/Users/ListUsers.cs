namespace CountySkills.Web.Features.Admin.Users;

/// <summary>The accounts, filtered by text (user name, display name), role and disabled state; phones masked.</summary>
public static class ListUsers
{
    public sealed record Query(string? Q = null, string? Role = null, bool? Disabled = null, int Page = 1, int PageSize = 50);

    public sealed record Item(string Id, string UserName, string DisplayName, string? Phone, string Role, string RoleName, string? AreaCode, string? AreaName,
        long? InstitutionId, string? InstitutionName, long? EmployerId, string? EmployerName, bool Disabled, string? DisabledReason, bool LockedOut,
        bool MustChangePassword, DateTime? LastSignInUtc, DateTime CreatedUtc, Guid Version);

    public sealed record Page(IReadOnlyList<Item> Items, int Total);

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs)
    {
        public async Task<Result<Page>> Handle(Query q, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var users = db.Users.AsNoTracking();
            if (q.Q?.Trim() is { Length: > 0 } text)
            {
                var upper = text.ToUpperInvariant();
                users = users.Where(u => u.NormalizedUserName!.Contains(upper) || u.DisplayName.Contains(text));
            }
            if (!string.IsNullOrWhiteSpace(q.Role))
            {
                if (Roles.Parse(q.Role) is not { } role) return Result.Invalid("role", $"未知的角色：{q.Role}");
                users = users.Where(u => u.Role == role);
            }
            if (q.Disabled is { } disabled) users = users.Where(u => u.Disabled == disabled);
            var size = Math.Clamp(q.PageSize, 1, 200);
            var total = await users.CountAsync(ct);
            var rows = await users.OrderBy(u => u.NormalizedUserName).Skip((Math.Clamp(q.Page, 1, 100_000) - 1) * size).Take(size).ToListAsync(ct);
            return new Page(await ViewsAsync(db, rows, ct), total);
        }

        public async Task<Result<Item>> One(string id, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var u = await db.Users.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
            return u is null ? Result.NotFound("没有找到该账户") : (await ViewsAsync(db, [u], ct))[0];
        }
    }

    public static async Task<List<Item>> ViewsAsync(AppDbContext db, List<AppUser> rows, CancellationToken ct)
    {
        var areas = rows.Select(u => u.AreaScope).OfType<string>().Distinct().ToList();
        var insts = rows.Select(u => u.InstitutionId).OfType<long>().Distinct().ToList();
        var emps = rows.Select(u => u.EmployerId).OfType<long>().Distinct().ToList();
        var areaNames = await db.Regions.Where(r => areas.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name, ct);
        var instNames = await db.Institutions.Where(i => insts.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Name, ct);
        var empNames = await db.Employers.Where(e => emps.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        return rows.Select(u => new Item(u.Id, u.UserName!, u.DisplayName, u.PhoneNumber is { Length: > 0 } p ? Domain.Phone.Mask(p) : null, u.Role,
            Roles.ZhNames.GetValueOrDefault(u.Role, u.Role), u.AreaScope, u.AreaScope is { } a ? areaNames.GetValueOrDefault(a) : null,
            u.InstitutionId, u.InstitutionId is { } i ? instNames.GetValueOrDefault(i) : null, u.EmployerId, u.EmployerId is { } e ? empNames.GetValueOrDefault(e) : null,
            u.Disabled, u.DisabledReason, AppUser.LockedOut(u.LockoutEnd), u.MustChangePassword, u.LastSignInUtc, u.CreatedUtc, u.Version)).ToList();
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/admin/users", async ([AsParameters] Query q, Handler h, CancellationToken ct) => (await h.Handle(q, ct)).ToHttp())
            .WithName(nameof(ListUsers)).WithTags("Admin").RequirePermission(Perm.UsersManage)
            .WithSummary("Accounts with role, scope and state (phones masked); q, role, disabled, page, pageSize");
        api.MapGet("/admin/users/{id}", async (string id, Handler h, CancellationToken ct) => (await h.One(id, ct)).ToHttp())
            .WithName("GetUser").WithTags("Admin").RequirePermission(Perm.UsersManage);
    }
}
