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

    public CertificateView Masked() => this with { HolderIdNumber = IdNumber.Mask(HolderIdNumber), KindName = Words.Of(Kind), LevelName = Words.Of(Level) };
}

/// <summary>Who may register and import certificates (what each sees is in Infrastructure/Scope.cs).</summary>
public static class CertificateScope
{
    public static readonly string[] Writers = Perm.RolesOf(Perm.CertificatesWrite);
}
