namespace CountySkills.Web.Features.Employment;

/// <summary>Send-off ceremonies, job fairs and briefings: GET /api/employment/events?year= (employment readers).</summary>
public static class ListEvents
{
    public sealed record View(long Id, string Title, EventKind Kind, string KindName, DateOnly Date, string Place, int Participants, string? EmployersPresent,
        int JobsOffered, int PeopleSigned, string? Note, Guid Version)
    {
        public static View Of(LabourEvent e) => new(e.Id, e.Title, e.Kind, Words.Of(e.Kind), e.Date, e.Place, e.Participants, e.EmployersPresent, e.JobsOffered,
            e.PeopleSigned, e.Note, e.Version);
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs)
    {
        public async Task<List<View>> List(int? year, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var q = db.Events.AsNoTracking();
            if (year is { } y) q = q.Where(e => e.Date >= new DateOnly(Math.Clamp(y, 1, 9998), 1, 1) && e.Date <= new DateOnly(Math.Clamp(y, 1, 9998), 12, 31));
            return (await q.OrderByDescending(e => e.Date).ThenByDescending(e => e.Id).Take(500).ToListAsync(ct)).Select(View.Of).ToList();
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/employment/events", (int? year, Handler h, CancellationToken ct) => h.List(year, ct)).WithName(nameof(ListEvents))
            .WithSummary("Send-off ceremonies, job fairs and briefings").RequireWorkReaders();
}
