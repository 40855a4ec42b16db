using CountySkills.Web.Features.Training;

namespace CountySkills.Web.Features.Subsidies;

/// <summary>
/// Judges the lines of a claim: one per trainee still on the roster, with the facts of the class (completion, attendance,
/// the certificate from it, the institution's listing) and the trainee's whole subsidy history, through <see cref="Eligibility.Judge"/>.
/// Only undecided lines are judged again; a decided line keeps the verdict it was decided on.
/// </summary>
public static class ClaimJudging
{
    static readonly CertificateKind[] Preference = [CertificateKind.SkillLevel, CertificateKind.Qualification, CertificateKind.SpecialAbility, CertificateKind.TrainingCompletion];

    public static async Task JudgeAsync(AppDbContext db, SubsidyClaim claim, TrainingClass cls, SubsidyRules rules, CancellationToken ct)
    {
        var institution = await db.Institutions.AsNoTracking().SingleAsync(i => i.Id == cls.InstitutionId, ct);
        var occupation = cls.Occupation ?? await db.Occupations.AsNoTracking().SingleAsync(o => o.Id == cls.OccupationId, ct);
        var occupations = await db.Occupations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var trainees = await db.Enrolments.AsNoTracking().Where(e => e.ClassId == cls.Id && e.Status == EnrolmentStatus.Active)
            .Select(e => new { e.Id, e.PersonId, e.Passed, e.Person!.BirthDate }).ToListAsync(ct);
        var (taken, attended) = await Roster.AttendanceAsync(db, cls.Id, ct);
        var enrolmentIds = trainees.Select(t => (long?)t.Id).ToArray();
        var certificates = (await db.Certificates.AsNoTracking().Where(c => c.RevokedUtc == null && c.ClassId == cls.Id)
                .Concat(db.Certificates.AsNoTracking().Where(c => c.RevokedUtc == null && c.ClassId != cls.Id && EF.Parameter(enrolmentIds).Contains(c.EnrolmentId)))
                .ToListAsync(ct))
            .GroupBy(c => c.PersonId)
            .ToDictionary(g => g.Key, g => g.OrderBy(c => Array.IndexOf(Preference, c.Kind)).ThenBy(c => c.Level == SkillLevel.None ? 9 : (int)c.Level).First());
        var history = await SubsidyHistory.ForPeopleAsync(db, trainees.Select(t => t.PersonId).ToList(), claim, ct);
        var completedClass = cls.Status is ClassStatus.Completed or ClassStatus.Closed;

        foreach (var t in trainees)
        {
            var line = claim.Lines.FirstOrDefault(l => l.EnrolmentId == t.Id);
            if (line is null) claim.Lines.Add(line = new ClaimLine { EnrolmentId = t.Id, PersonId = t.PersonId });
            else if (line.Decision != LineDecision.Pending) continue;
            var cert = certificates.GetValueOrDefault(t.PersonId);
            line.CertificateId = cert?.Id;
            line.CertificateNumber = cert?.Number;
            line.CertificateIssuedOn = cert?.IssuedOn;
            line.Kind = cert?.Kind ?? (cls.Level == SkillLevel.None ? CertificateKind.TrainingCompletion : CertificateKind.SkillLevel);
            line.OccupationId = cert?.OccupationId ?? cls.OccupationId;
            line.Level = cert is null ? cls.Level : cert.Kind is CertificateKind.SkillLevel or CertificateKind.Qualification ? cert.Level : SkillLevel.None;
            // No attendance taken at all counts as none attended (and says so).
            line.AttendancePercent = Roster.Rate(attended.GetValueOrDefault(t.Id), taken) ?? 0;
            line.Completed = completedClass && t.Passed == true;
            var facts = new SubsidyFacts(t.BirthDate, line.OccupationId, occupations.GetValueOrDefault(line.OccupationId, occupation.Name), line.Level, line.Kind,
                line.CertificateNumber, line.CertificateIssuedOn, line.AttendancePercent, line.Completed, institution.OnCatalogue, institution.Name,
                cls.StartDate, claim.ClaimedOn) { AttendanceRecorded = taken > 0 };
            line.Apply(Eligibility.Judge(facts, history.GetValueOrDefault(t.PersonId) ?? [], rules));
        }
        // Trainees withdrawn since the draft was made leave it.
        var onRoster = trainees.Select(t => t.Id).ToHashSet();
        foreach (var gone in claim.Lines.Where(l => !onRoster.Contains(l.EnrolmentId) && l.Decision == LineDecision.Pending).ToList())
        {
            claim.Lines.Remove(gone);
            if (gone.Id != 0) db.ClaimLines.Remove(gone);
        }
    }
}
