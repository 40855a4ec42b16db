namespace CountySkills.Web.Features.Subsidies;

/// <summary>
/// What a judgement reads from the database: the rules in force, and each person's subsidies so far across all institutions
/// (lines of claims still standing, and the old records imported), merged duplicate records included.
/// </summary>
public static class SubsidyHistory
{
    /// <summary>The rules in force at an instant: the latest version that took effect by then.</summary>
    public static async Task<SubsidyRules> RulesAtAsync(AppDbContext db, DateTime utc, CancellationToken ct) =>
        await db.SubsidyRules.AsNoTracking().Where(r => r.EffectiveFromUtc <= utc).OrderByDescending(r => r.EffectiveFromUtc).ThenByDescending(r => r.Id)
            .FirstOrDefaultAsync(ct)
        ?? await db.SubsidyRules.AsNoTracking().OrderBy(r => r.Id).FirstOrDefaultAsync(ct)
        ?? new SubsidyRules();

    public static async Task<SubsidyRules> RulesByIdAsync(AppDbContext db, long id, CancellationToken ct) =>
        await db.SubsidyRules.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) ?? new SubsidyRules();

    /// <summary>
    /// Prior subsidies of each person, keyed by the ids given. A person is every ledger record of the same human: the record given,
    /// the record it was merged into (followed to the end), and every record merged into those. When <paramref name="judging"/> is a
    /// submitted claim, only claims submitted before it stand against it (submission order decides between two claims for the same
    /// person); a draft or a new claim has every submitted claim before it.
    /// </summary>
    public static async Task<Dictionary<long, List<PriorSubsidy>>> ForPeopleAsync(AppDbContext db, IReadOnlyCollection<long> personIds, SubsidyClaim? judging,
        CancellationToken ct)
    {
        var given = personIds.Distinct().ToArray();
        var (rootOf, member) = await SameHumansAsync(db, given, ct);
        var byRoot = member.Values.Distinct().ToDictionary(r => r, _ => new List<PriorSubsidy>());

        var standing = SubsidyClaim.Standing;
        var skip = judging?.Id ?? 0;
        var before = judging?.SubmittedUtc;
        var occupations = await db.Occupations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var idNumbers = new Dictionary<string, long>();
        foreach (var chunk in member.Keys.Chunk(1000))
        {
            var ids = chunk.ToArray();
            var claims = db.Claims.Where(c => standing.Contains(c.Status) && c.Id != skip);
            if (before is { } b) claims = claims.Where(c => c.SubmittedUtc < b || (c.SubmittedUtc == b && c.Id < skip));
            var lines = await db.ClaimLines.AsNoTracking()
                .Where(l => EF.Parameter(ids).Contains(l.PersonId) && l.Eligible && l.Decision != LineDecision.Rejected)
                .Join(claims, l => l.ClaimId, c => c.Id,
                    (l, c) => new { l.Id, l.PersonId, l.OccupationId, l.Level, l.Kind, l.CertificateNumber, c.ClaimedOn, c.Number, Institution = c.Institution!.Name })
                .ToListAsync(ct);
            foreach (var l in lines)
                byRoot[member[l.PersonId]].Add(new PriorSubsidy($"补贴申请 {l.Number}", l.OccupationId, occupations.GetValueOrDefault(l.OccupationId, ""), l.Level, l.Kind,
                    l.CertificateNumber, l.ClaimedOn, l.Institution, l.Id));
            foreach (var p in await db.People.Where(p => EF.Parameter(ids).Contains(p.Id)).Select(p => new { p.Id, p.IdNumber }).ToListAsync(ct))
                idNumbers[p.IdNumber] = member[p.Id];
        }
        foreach (var chunk in idNumbers.Keys.Chunk(1000))
        {
            var nums = chunk.ToArray();
            foreach (var h in await db.HistoricSubsidies.AsNoTracking().Where(h => EF.Parameter(nums).Contains(h.IdNumber)).ToListAsync(ct))
                byRoot[idNumbers[h.IdNumber]].Add(Prior(h));
        }
        return given.ToDictionary(g => g, g => byRoot[rootOf[g]]);
    }

    /// <summary>
    /// Every ledger record of the same humans: for each id given, the record it was merged into (followed to the end), and for every
    /// record of those humans (the roots and everything merged into them, a few levels deep) its root.
    /// </summary>
    public static async Task<(Dictionary<long, long> RootOf, Dictionary<long, long> Member)> SameHumansAsync(AppDbContext db, long[] given, CancellationToken ct)
    {
        var rootOf = given.ToDictionary(i => i, i => i);
        // Up: a record merged into another stands for the survivor (chains followed a few levels).
        var pending = given;
        for (var depth = 0; depth < 5 && pending.Length > 0; depth++)
        {
            var parents = new Dictionary<long, long>();
            foreach (var chunk in pending.Chunk(1000))
                foreach (var p in await db.People.Where(p => EF.Parameter(chunk).Contains(p.Id) && p.MergedIntoId != null)
                             .Select(p => new { p.Id, Parent = p.MergedIntoId!.Value }).ToListAsync(ct))
                    parents[p.Id] = p.Parent;
            foreach (var g in given) if (parents.TryGetValue(rootOf[g], out var up)) rootOf[g] = up;
            pending = parents.Values.Distinct().ToArray();
        }
        // Down: every record merged into a root (and into those).
        var member = rootOf.Values.Distinct().ToDictionary(r => r, r => r);
        var frontier = member.Keys.ToArray();
        for (var depth = 0; depth < 5 && frontier.Length > 0; depth++)
        {
            var found = new List<long>();
            foreach (var chunk in frontier.Chunk(1000))
                foreach (var c in await db.People.Where(p => p.MergedIntoId != null && EF.Parameter(chunk).Contains(p.MergedIntoId.Value))
                             .Select(p => new { p.Id, Parent = p.MergedIntoId!.Value }).ToListAsync(ct))
                    if (member.TryAdd(c.Id, member[c.Parent])) found.Add(c.Id);
            frontier = [.. found];
        }
        return (rootOf, member);
    }

    /// <summary>Imported subsidies of someone not (yet) in the ledger, found by ID number.</summary>
    public static async Task<List<PriorSubsidy>> ForIdNumberAsync(AppDbContext db, string idNumber, CancellationToken ct) =>
        (await db.HistoricSubsidies.AsNoTracking().Where(h => h.IdNumber == idNumber).ToListAsync(ct)).Select(Prior).ToList();

    static PriorSubsidy Prior(HistoricSubsidy h) =>
        new($"历史补贴记录（导入）", h.OccupationId, h.OccupationName, h.Level, null, h.CertificateNumber, h.PaidOn, h.InstitutionName);
}
