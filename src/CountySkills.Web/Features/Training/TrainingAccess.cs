using CountySkills.Web.Infrastructure.Auth;

namespace CountySkills.Web.Features.Training;

/// <summary>Who may read and change training records, and loading a class within the caller's scope.</summary>
public static class TrainingAccess
{
    /// <summary>Read training: county staff, institutions (their own), viewers and auditors.</summary>
    public static readonly string[] Readers = Perm.RolesOf(Perm.TrainingRead);
    /// <summary>Plan classes, enrol, take attendance, record results: county staff and institution staff (their own).</summary>
    public static readonly string[] Writers = Perm.RolesOf(Perm.TrainingWrite);
    /// <summary>Approve, return, close, inspect, keep the catalogues.</summary>
    public static readonly string[] County = Perm.RolesOf(Perm.TrainingCounty);

    /// <summary>A class by id: 404 when there is none, 403 when it belongs to another institution (nothing of it is shown).</summary>
    public static async Task<Result<TrainingClass>> FindClassAsync(this AppDbContext db, long id, CurrentUser user, CancellationToken ct, bool track = true)
    {
        var q = track ? db.Classes : db.Classes.AsNoTracking();
        var cls = await q.Include(c => c.Occupation).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (cls is null || !await db.InstitutionInAreaAsync(user, cls.InstitutionId, ct)) return Result.NotFound("没有找到该培训班");
        if (!user.Owns(cls.InstitutionId)) return Result.Forbidden("该培训班不属于您的机构，无权查看或操作");
        return cls;
    }

    /// <summary>As <see cref="FindClassAsync"/>, and the caller must be one who may change it.</summary>
    public static async Task<Result<TrainingClass>> FindClassForWriteAsync(this AppDbContext db, long id, CurrentUser user, CancellationToken ct)
    {
        var r = await db.FindClassAsync(id, user, ct);
        if (r.IsOk && !Writers.Any(user.IsInRole)) return Result.Forbidden("您的角色只能查看培训班，不能修改");
        return r;
    }

    public static RouteHandlerBuilder RequireWriters(this RouteHandlerBuilder b) => b.RequirePermission(Perm.TrainingWrite);
    public static RouteHandlerBuilder RequireReaders(this RouteHandlerBuilder b) => b.RequirePermission(Perm.TrainingRead);
    public static RouteHandlerBuilder RequireCounty(this RouteHandlerBuilder b) => b.RequirePermission(Perm.TrainingCounty);
}
