using CountySkills.Web.Infrastructure.Auth;

namespace CountySkills.Web.Features.Subsidies;

/// <summary>Who may read and change subsidy records, and loading a claim within the caller's scope.</summary>
public static class SubsidyAccess
{
    /// <summary>Read claims: county staff, auditors, and institutions (their own).</summary>
    public static readonly string[] Readers = Perm.RolesOf(Perm.SubsidiesRead);
    /// <summary>Create and submit claims: institutions (their own) and county staff.</summary>
    public static readonly string[] Writers = Perm.RolesOf(Perm.SubsidiesWrite);
    /// <summary>Review, publish, resolve objections, approve, pay, keep budgets.</summary>
    public static readonly string[] County = Perm.RolesOf(Perm.SubsidiesCounty);

    public static bool IsCounty(this CurrentUser user) => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.CountyOfficer);

    /// <summary>A claim by id: 404 when there is none, 403 when it is another institution's (nothing of it is shown).</summary>
    public static async Task<Result<SubsidyClaim>> FindClaimAsync(this AppDbContext db, long id, CurrentUser user, CancellationToken ct, bool withLines = false)
    {
        var q = db.Claims.AsQueryable();
        if (withLines) q = q.Include(c => c.Lines).Include(c => c.Transitions);
        var claim = await q.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (claim is null || !await db.InstitutionInAreaAsync(user, claim.InstitutionId, ct)) return Result.NotFound("没有找到该补贴申请");
        if (!user.Owns(claim.InstitutionId) || !Readers.Any(user.IsInRole)) return Result.Forbidden("该补贴申请不属于您的机构，无权查看或操作");
        return claim;
    }

    public static RouteHandlerBuilder RequireSubsidyReaders(this RouteHandlerBuilder b) => b.RequirePermission(Perm.SubsidiesRead);
    public static RouteHandlerBuilder RequireSubsidyWriters(this RouteHandlerBuilder b) => b.RequirePermission(Perm.SubsidiesWrite);
    public static RouteHandlerBuilder RequireSubsidyCounty(this RouteHandlerBuilder b) => b.RequirePermission(Perm.SubsidiesCounty);
}
