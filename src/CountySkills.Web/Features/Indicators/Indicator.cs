using System.Linq.Expressions;

namespace CountySkills.Web.Features.Indicators;

/// <summary>How an indicator is counted: a count of records over a period (人次), people over a period de-duplicated by person (人数),
/// a stock at a date, a rate (numerator / denominator), or a sum (an amount).</summary>
public enum IndicatorKind { Count, People, Stock, Rate, Sum, Median }

/// <summary>How the facts of an indicator are aggregated into one figure.</summary>
public enum Aggregate { Count, DistinctPeople, Sum, Ratio }

/// <summary>The period and place a figure is asked for; <see cref="To"/> is the stock date; <see cref="Today"/> the county's day.</summary>
public sealed record Period(DateOnly From, DateOnly To, DateOnly Today, int MinAge = 16, int MaxAge = 59);

/// <summary>
/// One record behind a figure, in one shape for every indicator so one engine filters by place, groups by any breakdown and
/// lists the records of a group (drill-down). Fields an indicator does not know stay 0.
/// </summary>
public sealed class Fact : IAreaScoped
{
    public long RecordId { get; set; }
    public long PersonId { get; set; }
    /// <summary>12-digit village code of the record's place (the person's village for people-based records).</summary>
    public string AreaCode { get; set; } = "";
    public string Township { get; set; } = "";
    public DateOnly Day { get; set; }
    public int Kind { get; set; }
    public long Occupation { get; set; }
    public long Brand { get; set; }
    public int Band { get; set; }
    public int Fund { get; set; }
    public int CertKind { get; set; }
    public int Level { get; set; }
    public int Tags { get; set; }
    public long Department { get; set; }
    /// <summary>The amount of a sum, or 1/0 for a rate's numerator; 1 for a count.</summary>
    public long Value { get; set; }
}

public sealed record CustomRow(string Code, decimal? Value, long? Numerator, long? Denominator);

/// <summary>A breakdown (by=…) an indicator supports: the fact field it groups on.</summary>
public enum Breakdown { Township, Month, ClassKind, TargetGroup, Occupation, Brand, Band, Fund, CertificateKind, Level, Department, BusinessKind }

/// <summary>One entry of the catalogue. <see cref="Facts"/> builds the query of its records for a period (parts are summed; only
/// sums may have several parts); a reported indicator has none and is read from the reported values.</summary>
public sealed record Indicator
{
    public required string Key { get; init; }
    public required string Name { get; init; }
    public required string NameEn { get; init; }
    /// <summary>人次, 人, %, 分, 元, 万元 …</summary>
    public required string Unit { get; init; }
    public required IndicatorKind Kind { get; init; }
    public required string Definition { get; init; }
    public required string DefinitionEn { get; init; }
    public Aggregate Aggregate { get; init; }
    public IReadOnlyList<Breakdown> Breakdowns { get; init; } = [];
    /// <summary>The department that answers for it (人社 by default); records without a department count for it.</summary>
    public string LeadDepartment { get; init; } = "hrss";
    /// <summary>What a drill-down lists: enrolment, certificate, placement, claimLine, business, followUp, person.</summary>
    public string RecordKind { get; init; } = "person";
    public Func<AppDbContext, Period, IQueryable<Fact>[]>? Facts { get; init; }
    /// <summary>Entered monthly by the responsible department (城镇新增就业, 劳务收入…), never computed.</summary>
    public bool Reported { get; init; }
    /// <summary>Computed in memory from loaded rows (the outcome measures of the employment area).</summary>
    /// <param>The facts (its cohort) already limited to the place; the breakdown or null; returns one row per group.</param>
    public Func<AppDbContext, Period, IQueryable<Fact>, Breakdown?, CancellationToken, Task<IReadOnlyList<CustomRow>>>? Custom { get; init; }

    public string Source => Reported ? "reported" : "computed";

    /// <summary>The fact field a breakdown groups on, as a number (township and month have their own keys).</summary>
    public static Expression<Func<Fact, long>> NumericKey(Breakdown b) => b switch
    {
        Breakdown.Month => f => f.Day.Year * 100 + f.Day.Month,
        Breakdown.ClassKind or Breakdown.BusinessKind => f => f.Kind,
        Breakdown.TargetGroup => f => f.Tags,
        Breakdown.Occupation => f => f.Occupation,
        Breakdown.Brand => f => f.Brand,
        Breakdown.Band => f => f.Band,
        Breakdown.Fund => f => f.Fund,
        Breakdown.CertificateKind => f => f.CertKind,
        Breakdown.Level => f => f.Level,
        Breakdown.Department => f => f.Department,
        _ => throw new ArgumentOutOfRangeException(nameof(b)),
    };
}
