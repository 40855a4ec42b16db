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

    /// <summary>Prior subsidies of each person (by survivor id). Lines of <paramref name="excludeClaimId"/> are left out; known ID
    /// numbers of people not in the ledger may be passed too (key: -1 … by position in <paramref name="extraIdNumbers"/>).</summary>
    public static async Task<Dictionary<long, List<PriorSubsidy>>> ForPeopleAsync(AppDbContext db, IReadOnlyCollection<long> personIds, long? excludeClaimId,
        CancellationToken ct)
    {
        var result = personIds.Distinct().ToDictionary(id => id, _ => new List<PriorSubsidy>());
        if (result.Count == 0) return result;
        var owner = result.Keys.ToDictionary(i => i, i => i);
        foreach (var chunk in result.Keys.Chunk(1000))
        {
            var ids = chunk.ToArray();
            foreach (var m in await db.People.Where(p => p.MergedIntoId != null && EF.Parameter(ids).Contains(p.MergedIntoId.Value))
                         .Select(p => new { p.Id, Survivor = p.MergedIntoId!.Value }).ToListAsync(ct))
                owner[m.Id] = m.Survivor;
        }
        var standing = SubsidyClaim.Standing;
        var skip = excludeClaimId ?? 0;
        var occupations = await db.Occupations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var idNumbers = new Dictionary<string, long>();
        foreach (var chunk in owner.Keys.Chunk(1000))
        {
            var ids = chunk.ToArray();
            var lines = await db.ClaimLines.AsNoTracking()
                .Where(l => EF.Parameter(ids).Contains(l.PersonId) && l.Eligible && l.Decision != LineDecision.Rejected && l.ClaimId != skip)
                .Join(db.Claims.Where(c => standing.Contains(c.Status)), l => l.ClaimId, c => c.Id,
                    (l, c) => new { l.Id, l.PersonId, l.OccupationId, l.Level, l.Kind, l.CertificateNumber, c.ClaimedOn, c.Number, Institution = c.Institution!.Name })
                .ToListAsync(ct);
            foreach (var l in lines)
                result[owner[l.PersonId]].Add(new PriorSubsidy($"补贴申请 {l.Number}", l.OccupationId, occupations.GetValueOrDefault(l.OccupationId, ""), l.Level, l.Kind,
                    l.CertificateNumber, l.ClaimedOn, l.Institution, l.Id));
            foreach (var p in await db.People.Where(p => EF.Parameter(ids).Contains(p.Id)).Select(p => new { p.Id, p.IdNumber }).ToListAsync(ct))
                idNumbers[p.IdNumber] = owner[p.Id];
        }
        foreach (var chunk in idNumbers.Keys.Chunk(1000))
        {
            var nums = chunk.ToArray();
            foreach (var h in await db.HistoricSubsidies.AsNoTracking().Where(h => EF.Parameter(nums).Contains(h.IdNumber)).ToListAsync(ct))
                result[idNumbers[h.IdNumber]].Add(Prior(h));
        }
        return result;
    }

    /// <summary>Imported subsidies of someone not (yet) in the ledger, found by ID number.</summary>
    public static async Task<List<PriorSubsidy>> ForIdNumberAsync(AppDbContext db, string idNumber, CancellationToken ct) =>
        (await db.HistoricSubsidies.AsNoTracking().Where(h => h.IdNumber == idNumber).ToListAsync(ct)).Select(Prior).ToList();

    static PriorSubsidy Prior(HistoricSubsidy h) =>
        new($"历史补贴记录（导入）", h.OccupationId, h.OccupationName, h.Level, null, h.CertificateNumber, h.PaidOn, h.InstitutionName);
}
