namespace CountySkills.Web.Features.Brands;

/// <summary>
/// What the system proposes for a brand member: months of complaint-free service (calendar months of placement since the last valid complaint,
/// <see cref="ServiceMonths"/>, plus a month for each commendation since, at most six) and the certificates held, against the brand's star scheme. DOMAIN.md's entry
/// conditions (age 18–55, at least junior high school) are checked; criminal records are not in the system and stay the officer's check.
/// </summary>
public static class StarProposal
{
    public sealed record Proposal(StarLevel Level, string LevelName, int ComplaintFreeMonths, int Commendations, int ValidComplaints,
        IReadOnlyList<string> Notes, string? Next);

    public static async Task<Proposal> ForAsync(AppDbContext db, BrandMember m, Brand brand, DateOnly today, CancellationToken ct)
    {
        var person = m.Person ?? await db.People.AsNoTracking().SingleAsync(p => p.Id == m.PersonId, ct);
        var feedback = await db.Feedback.AsNoTracking().Where(f => f.MemberId == m.Id).ToListAsync(ct);
        var lastComplaint = feedback.Where(f => f.Kind == FeedbackKind.Complaint && f.Valid).Select(f => (DateOnly?)f.OnDate).Max();
        var periods = await db.Placements.AsNoTracking().Where(p => p.PersonId == m.PersonId).Select(p => new { p.StartDate, p.EndedOn }).ToListAsync(ct);
        var service = ServiceMonths.ComplaintFree(periods.Select(p => (p.StartDate, p.EndedOn)), lastComplaint, today);
        var commendations = feedback.Count(f => f.Kind == FeedbackKind.Commendation && (lastComplaint is not { } c || f.OnDate > c));
        var months = ServiceMonths.WithCommendations(service, commendations);
        var held = await db.Certificates.AsNoTracking().Where(c => c.PersonId == m.PersonId && c.RevokedUtc == null && c.OccupationId != null
                && (c.Kind == CertificateKind.SkillLevel || c.Kind == CertificateKind.Qualification))
            .Select(c => new { c.Occupation!.Code, c.Level }).ToListAsync(ct);
        var notes = new List<string>();
        var age = Person.Age(person.BirthDate, today);
        var level = brand.Propose(months, held.Select(h => (h.Code, h.Level)).ToList());
        if (age is < 18 or > 55) { notes.Add(Say.Text("Star.Age", age)); level = StarLevel.None; }
        if (person.Education is Education.Primary) { notes.Add(Say.Text("Star.Education")); level = StarLevel.None; }
        else if (person.Education is Education.Unknown) notes.Add(Say.Text("Star.EducationUnknown"));
        if (lastComplaint is { } lc) notes.Add(Say.Text("Star.Complaint", lc.ToString("yyyy-MM-dd")));
        notes.Add(Say.Text("Star.Record"));
        var names = await OccupationNames.OfAsync(db, brand.StarScheme, ct);
        var next = brand.StarScheme.FirstOrDefault(s => s.Level > level) is { } step
            ? Say.Text("Star.Next", Words.Of(step.Level), step.Months, months) +
              (step.Certificates.Count > 0 ? Say.Text("Star.NextCerts", string.Join(Say.Text("Ui.ListSep"), step.Certificates.Select(c => Say.Text("Star.Cert", $"{OccupationNames.Of(names, c.OccupationCode)}（{c.OccupationCode}）", Words.Of((SkillLevel)c.Level))))) : "")
            : null;
        return new Proposal(level, Words.Of(level), months, commendations, feedback.Count(f => f.Kind == FeedbackKind.Complaint && f.Valid), notes, next);
    }
}
