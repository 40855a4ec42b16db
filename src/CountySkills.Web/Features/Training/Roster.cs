namespace CountySkills.Web.Features.Training;

/// <summary>A class's trainees with their attendance rate, result and certificate; personal data masked.</summary>
public sealed record TraineeView(long Id, long ClassId, long PersonId, string Name, string IdNumber, Sex Sex, int Age, string? Phone,
    string? TownshipName, EnrolmentStatus Status, DateTime EnrolledUtc, int SessionsAttended, int SessionsTaken, decimal? AttendanceRate,
    bool? Passed, decimal? Score, string? CertificateNumber, Guid Version);

public static class Roster
{
    public static async Task<List<TraineeView>> LoadAsync(AppDbContext db, long classId, DateOnly today, CancellationToken ct, long? enrolmentId = null)
    {
        var (taken, attended) = await AttendanceAsync(db, classId, ct);
        var q = db.Enrolments.AsNoTracking().Where(e => e.ClassId == classId);
        if (enrolmentId is { } eid) q = q.Where(e => e.Id == eid);
        var rows = await q.OrderBy(e => e.Id).Select(e => new
        {
            e.Id, e.PersonId, e.Person!.Name, e.Person.IdNumber, e.Person.Sex, e.Person.BirthDate, e.Person.Phone,
            Township = db.Regions.Where(r => r.Code == e.Person.TownshipCode).Select(r => r.Name).FirstOrDefault(),
            e.Status, e.EnrolledUtc, e.Passed, e.Score, e.Version,
            Certificate = db.Certificates.Where(c => c.EnrolmentId == e.Id && c.RevokedUtc == null).Select(c => c.Number).FirstOrDefault(),
        }).ToListAsync(ct);
        return rows.Select(r =>
        {
            var n = attended.GetValueOrDefault(r.Id);
            return new TraineeView(r.Id, classId, r.PersonId, r.Name, IdNumber.Mask(r.IdNumber), r.Sex, Person.Age(r.BirthDate, today), Phone.Mask(r.Phone),
                r.Township, r.Status, r.EnrolledUtc, n, taken, Rate(n, taken), r.Passed, r.Score, r.Certificate, r.Version);
        }).ToList();
    }

    /// <summary>Sessions of a class whose attendance was taken, and sessions attended per enrolment.</summary>
    public static async Task<(int Taken, Dictionary<long, int> Attended)> AttendanceAsync(AppDbContext db, long classId, CancellationToken ct)
    {
        var taken = await db.Sessions.CountAsync(s => s.ClassId == classId && s.AttendanceTakenUtc != null, ct);
        // Session ids first: a correlated EXISTS on sessions makes SQLite walk the whole attendance table.
        var sessionIds = await db.Sessions.Where(s => s.ClassId == classId).Select(s => s.Id).ToArrayAsync(ct);
        var attended = await db.Attendance.Where(a => a.Present && EF.Parameter(sessionIds).Contains(a.SessionId))
            .GroupBy(a => a.EnrolmentId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return (taken, attended);
    }

    /// <summary>Share of taken sessions attended, 0–100 with one decimal; null before any attendance was taken.</summary>
    public static decimal? Rate(int attended, int taken) => taken == 0 ? null : Math.Round(100m * attended / taken, 1);
}
