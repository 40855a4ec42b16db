namespace CountySkills.Web.Features.People;

/// <summary>
/// The keys, as the audit log writes them (entity type name → record keys), of the records that belong to a person and
/// its merged duplicates: the person itself, enrolments and their attendance, certificates, claim lines and their
/// payment items, placements, follow-ups and alerts, brand membership, cases, businesses and imported subsidies. Each is
/// one index seek; the bank files that listed the person are keyed by batch number ("payment-batch:…").
/// </summary>
public static class PersonRecords
{
    public sealed record Keys(IReadOnlyDictionary<string, List<string>> ByEntity, IReadOnlyList<long> PersonIds);

    public static async Task<Keys> OfAsync(AppDbContext db, long id, CancellationToken ct)
    {
        var merged = await db.People.AsNoTracking().Where(p => p.MergedIntoId == id).Select(p => p.Id).ToListAsync(ct);
        long[] people = [id, .. merged];
        var d = new Dictionary<string, List<string>>();
        void Add<T>(IEnumerable<long> ids) => d[typeof(T).Name] = ids.Select(x => x.ToString()).ToList();

        var enrolments = await db.Enrolments.Where(e => people.Contains(e.PersonId)).Select(e => e.Id).ToListAsync(ct);
        Add<Enrolment>(enrolments);
        Add<AttendanceRecord>(enrolments.Count == 0 ? [] : await db.Attendance.Where(a => enrolments.Contains(a.EnrolmentId)).Select(a => a.Id).ToListAsync(ct));
        Add<Certificate>(await db.Certificates.Where(c => people.Contains(c.PersonId)).Select(c => c.Id).ToListAsync(ct));
        var lines = await db.ClaimLines.Where(l => people.Contains(l.PersonId)).Select(l => l.Id).ToListAsync(ct);
        Add<ClaimLine>(lines);
        var items = lines.Count == 0 ? [] : await db.PaymentItems.Where(i => lines.Contains(i.LineId))
            .Select(i => new { i.Id, Batch = db.PaymentBatches.Where(b => b.Id == i.BatchId).Select(b => b.Number).FirstOrDefault() }).ToListAsync(ct);
        Add<PaymentItem>(items.Select(i => i.Id));
        var placements = await db.Placements.Where(p => people.Contains(p.PersonId)).Select(p => new { p.Id, p.AreaCode }).ToListAsync(ct);
        Add<Placement>(placements.Select(p => p.Id));
        var placementIds = placements.Select(p => p.Id).ToList();
        var areas = placements.Select(p => p.AreaCode).Distinct().ToList();
        Add<FollowUp>(placementIds.Count == 0 ? [] : await db.FollowUps.Where(f => placementIds.Contains(f.PlacementId)).Select(f => f.Id).ToListAsync(ct));
        Add<EmploymentAlert>(areas.Count == 0 ? [] : await db.Alerts.Where(a => areas.Contains(a.AreaCode) && people.Contains(a.PersonId)).Select(a => a.Id).ToListAsync(ct));
        var members = await db.BrandMembers.Where(m => people.Contains(m.PersonId)).Select(m => m.Id).ToListAsync(ct);
        Add<BrandMember>(members);
        Add<StarChange>(members.Count == 0 ? [] : await db.StarChanges.Where(s => members.Contains(s.MemberId)).Select(s => s.Id).ToListAsync(ct));
        Add<MemberFeedback>(members.Count == 0 ? [] : await db.Feedback.Where(f => members.Contains(f.MemberId)).Select(f => f.Id).ToListAsync(ct));
        Add<TypicalCase>(await db.Cases.Where(c => people.Contains(c.PersonId)).Select(c => c.Id).ToListAsync(ct));
        Add<Business>(await db.Businesses.Where(b => people.Contains(b.FounderId)).Select(b => b.Id).ToListAsync(ct));
        Add<HistoricSubsidy>(await db.HistoricSubsidies.Where(h => h.PersonId != null && people.Contains(h.PersonId.Value)).Select(h => h.Id).ToListAsync(ct));

        // The person's own entries (reveals, eligibility checks, changes) and the bank files that carried their lines.
        Add<Person>(people);
        d[nameof(Person)].AddRange(items.Select(i => i.Batch).OfType<string>().Distinct().Select(n => $"payment-batch:{n}"));
        return new Keys(d, people);
    }
}
