using CountySkills.Web.Infrastructure.Auth;

namespace CountySkills.Web.Features.Certificates;

/// <summary>A certificate as the app shows it (holder's ID masked).</summary>
public sealed record CertificateView(long Id, long PersonId, string HolderName, string HolderIdNumber, CertificateKind Kind, string KindName,
    long? OccupationId, string OccupationName, SkillLevel Level, string LevelName, string Number, string Issuer, DateOnly IssuedOn,
    long? ClassId, long? InstitutionId, CertificateSource Source, bool Revoked, string? RevokeReason, Guid Version)
{
    public static IQueryable<CertificateView> Project(IQueryable<Certificate> q) => q.Select(c => new CertificateView(c.Id, c.PersonId, c.Person!.Name,
        c.Person.IdNumber, c.Kind, "", c.OccupationId, c.OccupationName, c.Level, "", c.Number, c.Issuer, c.IssuedOn, c.ClassId, c.InstitutionId,
        c.Source, c.RevokedUtc != null, c.RevokeReason, c.Version));

    public CertificateView Masked() => this with { HolderIdNumber = IdNumber.Mask(HolderIdNumber), KindName = Zh.Of(Kind), LevelName = Zh.Of(Level) };
}

public static class CertificateScope
{
    /// <summary>County staff, viewers and auditors see all; a township officer the certificates of their township's people;
    /// institution staff those of their own trainees; employers none (yet).</summary>
    public static IQueryable<Certificate> VisibleTo(this IQueryable<Certificate> q, CurrentUser user)
    {
        if (user.SeesEverything) return q;
        if (user.IsInRole(Roles.InstitutionStaff)) { var own = user.InstitutionId ?? -1; return q.Where(c => c.InstitutionId == own); }
        if (user.IsInRole(Roles.TownshipOfficer) && !user.ScopeBroken) { var t = user.AreaScope!; return q.Where(c => c.Person!.TownshipCode == t); }
        return q.Where(_ => false);
    }

    public static bool CanSee(this CurrentUser user, Certificate c, Person holder) =>
        user.SeesEverything || (user.IsInRole(Roles.InstitutionStaff) && c.InstitutionId == user.InstitutionId && user.InstitutionId is not null)
        || (user.IsInRole(Roles.TownshipOfficer) && user.CanSeeArea(holder.AreaCode));

    /// <summary>Who may register, import and revoke certificates.</summary>
    public static readonly string[] Writers = [Roles.Admin, Roles.CountyOfficer, Roles.InstitutionStaff];
}
