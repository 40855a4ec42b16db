namespace CountySkills.Web.Data.Reference;

/// <summary>
/// The occupations the county trains for. Codes marked confirmed are those DOMAIN.md confirms against the 2022
/// classification; the others must be checked before they are printed on anything official (the catalogue page marks
/// them). Added at migration time when missing, in every environment: classes cannot be planned without them.
/// </summary>
public static class OccupationCatalogue
{
    const CertificateKinds Leveled = CertificateKinds.SkillLevel | CertificateKinds.TrainingCompletion;
    const CertificateKinds Special = CertificateKinds.SpecialAbility | CertificateKinds.TrainingCompletion;

    public static readonly (string Code, string Name, string? Parent, string Category, string Levels, CertificateKinds Kinds, bool Confirmed)[] Seeds =
    [
        ("4-10-01-06", "家政服务员", null, "家政", "5,4,3,2", Leveled, true),
        ("4-10-01-06-01", "母婴护理员", "家政服务员", "家政", "5,4,3,2", Leveled, false),
        ("4-10-01-02", "育婴员", null, "家政", "5,4,3", Leveled, false),
        ("4-03-02-05", "营养配餐员", null, "家政", "5,4,3", Leveled, false),
        ("4-10-04-02", "保健按摩师", null, "康养/足疗", "5,4,3,2,1", Leveled, true),
        ("4-10-04-02-01", "足部按摩师", "保健按摩师", "康养/足疗", "5,4,3", Leveled, false),
        ("ZX-0001", "艾灸调理", null, "艾灸", "", Special, false),
        ("6-29-01-01", "砌筑工", null, "建筑", "5,4,3", Leveled, false),
        ("6-29-01-03", "钢筋工", null, "建筑", "5,4,3", Leveled, false),
        ("6-31-01-03", "电工", null, "制造", "5,4,3,2,1", Leveled, false),
        ("6-18-01-01", "车工（数控车床）", null, "制造", "5,4,3,2,1", Leveled, false),
        ("6-18-02-04", "焊工", null, "制造", "5,4,3,2,1", Leveled, true),
        ("4-01-02-02", "电子商务师", null, "电商", "5,4,3,2,1", Leveled, false),
        ("4-07-04-01", "旅游服务（导游）", null, "文旅", "5,4,3", Leveled, false),
        ("4-03-02-01", "中式烹调师", null, "餐饮", "5,4,3,2,1", Leveled, true),
        ("5-01-01-01", "农业技术员（农艺工）", null, "农业", "5,4,3", Leveled, false),
    ];

    /// <summary>Adds the occupations that are missing; never changes one an administrator has edited.</summary>
    public static async Task EnsureAsync(AppDbContext db, CancellationToken ct = default)
    {
        var have = (await db.Occupations.Select(o => o.Code).ToListAsync(ct)).ToHashSet();
        var missing = Seeds.Where(s => !have.Contains(s.Code)).ToList();
        if (missing.Count == 0) return;
        db.Occupations.AddRange(missing.Select(s => new Occupation
        {
            Code = s.Code, Name = s.Name, ParentName = s.Parent, Category = s.Category, LevelList = s.Levels,
            CertificateKinds = s.Kinds, CodeConfirmed = s.Confirmed,
        }));
        await db.SaveChangesAsync(ct);
    }
}
