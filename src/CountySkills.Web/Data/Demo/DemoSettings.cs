using CountySkills.Web.Data.Reference;

namespace CountySkills.Web.Data.Demo;

/// <summary>The demo county's working-day calendar: this year's national public holidays and make-up working days, with their names.</summary>
public static class DemoSettings
{
    public static async Task SeedAsync(AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var year = PublicHolidays.Year2026;
        var key = SettingKeys.Calendar(year.Year);
        if (await db.SettingVersions.AnyAsync(s => s.Key == key, ct)) return;
        db.SettingVersions.Add(SettingVersion.After(null, key, SettingJson.Write(year.Normalised()), $"依据《{PublicHolidays.Source2026}》",
            "system", clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
    }
}
