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
        if (!await db.Departments.AnyAsync(ct))
        {
            db.Departments.AddRange(DefaultDepartments.Select((d, i) => new Department { Code = d.Code, Name = d.Name, NameEn = d.NameEn, SortOrder = i + 1 }));
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>The county departments targets are usually split over (editable afterwards on the planning page).</summary>
    public static readonly (string Code, string Name, string NameEn)[] DefaultDepartments =
    [
        ("hrss", "县人力资源和社会保障局", "County HR and Social Security Bureau"),
        ("industry", "县科技和工业信息化局", "County Science, Technology and Industry Bureau"),
        ("agri", "县农业农村局", "County Agriculture and Rural Affairs Bureau"),
        ("commerce", "县商务局", "County Commerce Bureau"),
        ("housing", "县住房和城乡建设局", "County Housing and Urban-Rural Development Bureau"),
        ("education", "县教育局", "County Education Bureau"),
        ("women", "县妇女联合会", "County Women's Federation"),
    ];
}
