using B = CountySkills.Web.Features.Indicators.Breakdown;

namespace CountySkills.Web.Features.Indicators;

/// <summary>
/// Figures the statistical tables need that are not indicators of their own (not in <see cref="All"/>, not on the dashboard), computed
/// by the same engine from the same kinds of records, so a table's columns and the indicators beside them share one definition.
/// </summary>
public static partial class Catalogue
{
    /// <summary>取证人数 of the training table: people certified in the period (not revoked) by a certificate of a class, by the class's kind.</summary>
    public static readonly Indicator ClassCertificates = new()
    {
        Key = "tables.class_certificates", Name = "培训班学员取证人数", NameEn = "Trainees certified through their class", Unit = "人", Kind = IndicatorKind.People,
        Aggregate = Aggregate.DistinctPeople, Breakdowns = [B.ClassKind, B.Township, B.Month, B.TargetGroup], RecordKind = "certificate",
        Facts = (db, p) => [CertificatesOfClasses(db, p)],
        Definition = "期间内发放（未撤销）、关联培训班的证书的持证人数，按培训班的培训类别分组，同一类别内按人去重",
        DefinitionEn = "Holders of certificates (not revoked) issued in the period through a class, by the class's kind, de-duplicated within a kind",
    };

    /// <summary>平均月工资 of the brands table: the wages of the brand placements active on the last day (as labour.transferred counts them),
    /// those with a wage entered; Numerator = the sum in fen, Denominator = how many.</summary>
    public static readonly Indicator BrandWages = new()
    {
        Key = "tables.brand_wages", Name = "品牌在岗人员月工资", NameEn = "Monthly wages of brand workers", Unit = "分", Kind = IndicatorKind.Rate,
        Aggregate = Aggregate.Ratio, Breakdowns = [B.Brand, B.Township, B.Band], RecordKind = "placement",
        Facts = (db, p) => [Wages(db, p.To)],
        Definition = "期末当天在岗、以劳务品牌名义就业且登记了月工资的就业记录：月工资之和（分子，分）与条数（分母）",
        DefinitionEn = "Brand placements active on the last day with a wage entered: the sum of the monthly wages (numerator, fen) and their number",
    };

    /// <summary>申请笔数 of the subsidies table: claims made in the period and approved or paid with an approved line, by the lines' keys.</summary>
    public static readonly Indicator SubsidyClaims = new()
    {
        Key = "tables.subsidy_claims", Name = "补贴申请笔数", NameEn = "Subsidy claims approved", Unit = "笔", Kind = IndicatorKind.People,
        Aggregate = Aggregate.DistinctPeople, Breakdowns = [B.Fund, B.CertificateKind, B.Level, B.Township, B.Month, B.Occupation], RecordKind = "claimLine",
        Facts = (db, p) => [ApprovedLines(db, p, false, claims: true)],
        Definition = "申请日在期间内、已审批或已拨付且有审核通过明细的补贴申请笔数（按明细的证书类别和等级分组时，一笔申请在其每个组各计 1 笔）",
        DefinitionEn = "Claims made in the period, approved or paid, with an approved line (once in each group of its lines)",
    };

    /// <summary>The table-only figures.</summary>
    public static readonly IReadOnlyList<Indicator> Tables = [ClassCertificates, BrandWages, SubsidyClaims];

    static IQueryable<Fact> CertificatesOfClasses(AppDbContext db, Period p) =>
        db.Certificates.Where(c => c.RevokedUtc == null && c.ClassId != null && c.IssuedOn >= p.From && c.IssuedOn <= p.To)
            .Join(db.Classes, c => c.ClassId!.Value, k => k.Id, (c, k) => new { c, k })
            .Select(x => new Fact
            {
                RecordId = x.c.Id, PersonId = x.c.PersonId, AreaCode = x.c.Person!.AreaCode, Township = x.c.Person.TownshipCode, Day = x.c.IssuedOn,
                Kind = (int)x.k.Kind, CertKind = (int)x.c.Kind, Level = (int)x.c.Level, Occupation = x.c.OccupationId ?? 0, Tags = (int)x.c.Person.Tags, Value = 1,
            });

    static IQueryable<Fact> Wages(AppDbContext db, DateOnly d) =>
        ActiveOn(db, d).Where(x => x.BrandId != null && x.MonthlyWageFen > 0).Select(x => new Fact
        {
            RecordId = x.Id, PersonId = x.PersonId, AreaCode = x.AreaCode, Township = x.AreaCode.Substring(0, 9), Day = x.StartDate,
            Band = (int)x.Band, Brand = x.BrandId ?? 0, Tags = (int)x.Person!.Tags, Value = x.MonthlyWageFen,
        });
}
