namespace CountySkills.Web.Features.People;

/// <summary>
/// A person's journey on one timeline: ledger events now; training, certificates, subsidies, placements, follow-ups and
/// brand membership add their events here as those areas arrive. Merged records' histories are included.
/// </summary>
public static class PersonTimeline
{
    public sealed record Event(DateTime When, string Title, string? Detail, MudBlazor.Color Color);

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock)
    {
        public async Task<IReadOnlyList<Event>> Handle(long id, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var people = await db.People.AsNoTracking().Where(p => p.Id == id || p.MergedIntoId == id).ToListAsync(ct);
            var person = people.SingleOrDefault(p => p.Id == id);
            if (person is null || !user.CanSeeArea(person.AreaCode)) return [];
            var keys = people.Select(p => p.Id.ToString()).ToList();
            var audit = await db.AuditEntries.AsNoTracking()
                .Where(a => a.Entity == nameof(Person) && keys.Contains(a.EntityKey) && a.Action != AuditEntry.Reveal)
                .OrderBy(a => a.Id).Take(200).ToListAsync(ct);
            var events = new List<Event>();
            foreach (var p in people)
            {
                var batch = p.ImportBatchId is { } b ? await db.ImportBatches.Where(x => x.Id == b).Select(x => x.FileName).FirstOrDefaultAsync(ct) : null;
                events.Add(new Event(clock.ToLocal(p.CreatedUtc), p.Id == id ? "登记入台账" : $"重复记录 {p.Name} 登记入台账",
                    batch is null ? null : $"来自导入文件 {batch}", MudBlazor.Color.Primary));
                if (p.WorkingSince is { } since)
                    events.Add(new Event(since.ToDateTime(TimeOnly.MinValue), $"开始务工：{p.WorkProvince}{p.WorkCity} {p.Employer}".Trim(), p.Industry, MudBlazor.Color.Success));
                if (p.MergedUtc is { } merged)
                    events.Add(new Event(clock.ToLocal(merged), $"重复记录 {p.Name}（{IdNumber.Mask(p.IdNumber)}）合并到本人", null, MudBlazor.Color.Warning));
            }
            foreach (var a in audit.Where(a => a.Action == AuditEntry.Update))
            {
                var fields = Admin.AuditChanges.Parse(a.Changes).Select(c => c.Field).Where(f => f != nameof(Entity.Version)).ToList();
                if (fields.Count > 0) events.Add(new Event(clock.ToLocal(a.AtUtc), $"{a.UserName} 修改了信息", string.Join("、", fields), MudBlazor.Color.Default));
            }
            return events.OrderByDescending(e => e.When).ToList();
        }
    }
}
