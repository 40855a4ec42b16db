using CountySkills.Web.Features.Training;
using CountySkills.Web.Infrastructure.Auth;

namespace CountySkills.Web.Features.Certificates;

/// <summary>
/// Registers certificates by one set of rules whether a clerk types one in, a class issues them from its results, or a
/// workbook brings thousands: the holder must be in the ledger and in the caller's reach, the number unused, and kind,
/// level, number format and date must agree (<see cref="Certificate.Check"/>).
/// </summary>
public sealed class Registering(AppDbContext db, CurrentUser user, TimeProvider clock)
{
    public sealed record Claim(string IdNumber, string? Name, CertificateKind Kind, long? OccupationId, string? OccupationCode, string? OccupationName,
        SkillLevel Level, string Number, string Issuer, DateOnly IssuedOn, long? ClassId = null, CertificateSource Source = CertificateSource.Manual);

    public sealed record Outcome(Certificate? Certificate, string? Field, Refusal? Refusal, bool Forbidden = false);

    static readonly Refusal OwnTraineesOnly = new("scope.forbidden", "只能为本机构已结业且考核合格的学员登记证书");

    List<Occupation>? _occupations;
    readonly HashSet<string> _numbers = [];

    public async Task<Outcome> DecideAsync(Claim c, CancellationToken ct)
    {
        _occupations ??= await db.Occupations.AsNoTracking().ToListAsync(ct);
        var number = Certificate.NormaliseNumber(c.Number);
        if (!user.CanWrite) return new(null, null, new Refusal("scope.forbidden", "您的角色不能登记证书"), true);
        var person = await db.People.SingleOrDefaultAsync(p => p.IdNumber == c.IdNumber, ct);
        // Scope first: nothing about the person (not even whether a name matches, or whether the ID is in the ledger at all) reaches a
        // caller outside their reach: for an institution an unknown ID and someone not its trainee are one answer (ADR 0015).
        long? institutionId = null, enrolmentId = null;
        if (user.IsInRole(Roles.InstitutionStaff))
        {
            if (person is null) return new(null, "idNumber", OwnTraineesOnly, true);
            // An institution registers certificates only for its own trainees who passed a completed class.
            var own = user.InstitutionId ?? -1;
            var passed = db.Enrolments.Where(e => e.PersonId == person.Id && e.Status == EnrolmentStatus.Active && e.Passed == true
                && e.Class!.InstitutionId == own && (e.Class.Status == ClassStatus.Completed || e.Class.Status == ClassStatus.Closed));
            if (c.ClassId is { } cid) passed = passed.Where(e => e.ClassId == cid);
            enrolmentId = await passed.OrderByDescending(e => e.Id).Select(e => (long?)e.Id).FirstOrDefaultAsync(ct);
            if (enrolmentId is null) return new(null, "idNumber", OwnTraineesOnly, true);
            institutionId = own;
            if (c.ClassId is null) enrolmentId = null;
        }
        else if (!user.IsCounty()) return new(null, "idNumber", new Refusal("scope.forbidden", "证书由县人社局或培训机构登记"), true);
        else if (person is null) return new(null, "idNumber", new Refusal("person.not_in_ledger", $"身份证号 {IdNumber.Mask(c.IdNumber)} 不在劳动力台账中，请先登记入台账"));
        if (person.IsMerged) return new(null, "idNumber", new Refusal("person.merged", "该身份证号的记录已合并到其他人员，请用保留记录的身份证号登记"));
        if (c.Name is { Length: > 0 } name && name.Replace(" ", "") != person.Name.Replace(" ", ""))
            return new(null, "name", new Refusal("person.name_mismatch", $"身份证号 {IdNumber.Mask(c.IdNumber)} 在台账中登记的姓名与“{name}”不一致"));

        Occupation? occupation = c.OccupationId is { } oid ? _occupations.FirstOrDefault(o => o.Id == oid)
            : c.OccupationCode is { Length: > 0 } code ? _occupations.FirstOrDefault(o => o.Code == code.Trim())
            : c.OccupationName is { Length: > 0 } on ? _occupations.FirstOrDefault(o => o.Name == on.Trim()) : null;
        if (occupation is null && (c.OccupationId is not null || c.OccupationCode is { Length: > 0 }))
            return new(null, "occupationCode", new Refusal("occupation.unknown", "职业（工种）不在职业目录中"));
        var occupationName = occupation?.Name ?? c.OccupationName?.Trim();
        if (string.IsNullOrEmpty(occupationName) || occupationName.Length > 50)
            return new(null, "occupationName", new Refusal("occupation.required", "请填写证书上的职业（工种）或专项能力名称（不超过 50 个字）"));
        if (c.Issuer.Trim() is { Length: 0 or > 100 }) return new(null, "issuer", new Refusal("value.invalid", "发证机构为空或超过 100 个字"));
        if (Certificate.Check(c.Kind, c.Level, number, c.IssuedOn, clock.Today(), occupation) is { } bad)
            return new(null, bad.Code is "certificate.number" or "certificate.number_format" or "certificate.level_mismatch" ? "number" : bad.Code == "certificate.issued_on" ? "issuedOn" : "level", bad);

        if (c.ClassId is { } classId && enrolmentId is null)
        {
            var cls = await db.FindClassAsync(classId, user, ct, track: false);
            if (!cls.IsOk) return new(null, "classId", new Refusal("class.forbidden", cls.Detail ?? "培训班不存在"), cls.Outcome == Infrastructure.Outcome.Forbidden);
            enrolmentId = await db.Enrolments.Where(e => e.ClassId == classId && e.PersonId == person.Id && e.Status == EnrolmentStatus.Active).Select(e => (long?)e.Id).FirstOrDefaultAsync(ct);
            if (enrolmentId is null) return new(null, "classId", new Refusal("certificate.not_enrolled", $"{person.Name} 不是该培训班的在册学员"));
            institutionId = cls.Value!.InstitutionId;
        }

        if (!_numbers.Add(number) || await db.Certificates.AnyAsync(x => x.Number == number && x.RevokedUtc == null, ct))
            return new(null, "number", new Refusal("certificate.duplicate_number", $"证书编号 {number} 已登记过"));

        var cert = new Certificate
        {
            Person = person, PersonId = person.Id, Kind = c.Kind, OccupationId = occupation?.Id, OccupationName = occupationName, Level = c.Level, Number = number,
            Issuer = c.Issuer.Trim(), IssuedOn = c.IssuedOn, ClassId = c.ClassId, EnrolmentId = enrolmentId, InstitutionId = institutionId,
            Source = c.Source, CreatedUtc = clock.GetUtcNow().UtcDateTime, CreatedBy = user.UserName,
        };
        db.Certificates.Add(cert);
        return new(cert, null, null);
    }
}
