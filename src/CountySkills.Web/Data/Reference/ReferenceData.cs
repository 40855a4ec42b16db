namespace CountySkills.Web.Data.Reference;

/// <summary>What every environment needs before anyone can work: the occupations catalogue and a first version of the subsidy
/// rules (DOMAIN.md defaults, in force since 2000 so every claim finds one). Run by the migration step.</summary>
public static class ReferenceData
{
    public static async Task EnsureAsync(AppDbContext db, CancellationToken ct = default)
    {
        await OccupationCatalogue.EnsureAsync(db, ct);
        if (!await db.SubsidyRules.AnyAsync(ct))
        {
            db.SubsidyRules.Add(new SubsidyRules { EffectiveFromUtc = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc), ChangedBy = "system", Reason = "默认标准（豫人社规〔2022〕2号）" });
            await db.SaveChangesAsync(ct);
        }
    }
}
