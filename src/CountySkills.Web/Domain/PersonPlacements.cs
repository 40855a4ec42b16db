using System.ComponentModel.DataAnnotations.Schema;

namespace CountySkills.Web.Domain;

/// <summary>
/// The ledger kept true by placements: a placement's start or correction writes the person's employment (status from the
/// destination band, place, employer, industry, position, since, wage); its end writes the status the end reason says.
/// The ledger shows the person's governing placement (a running one before an ended one, then the latest started): an event of
/// an older placement leaves the newer one's values standing. A hand edit of the ledger stands until the next placement event.
/// </summary>
public sealed partial class Person
{
    /// <summary>Where the pending change came from, for the audit entry (see <see cref="IAuditSourced"/>).</summary>
    [NotMapped] public string? AuditSource { get; private set; }

    /// <summary>The placement whose values the ledger shows: running before ended, then the latest started (then ended, then newest).</summary>
    public static Placement? Governing(IEnumerable<Placement> placements) =>
        placements.OrderByDescending(p => p.Active).ThenByDescending(p => p.StartDate).ThenByDescending(p => p.EndedOn).ThenByDescending(p => p.Id).FirstOrDefault();

    /// <summary>The status a destination band gives: 县内 -> 县内就业, 县外市内 / 市外省内 -> 县外省内就业, 省外 / 境外 -> 省外就业.</summary>
    public static EmploymentStatus StatusFor(DestinationBand band) => band switch
    {
        DestinationBand.InCounty => EmploymentStatus.InCounty,
        DestinationBand.OutOfCountyInCity or DestinationBand.OutOfCityInProvince => EmploymentStatus.OutOfCountyInProvince,
        _ => EmploymentStatus.OutOfProvince,
    };

    static readonly (string[] Words, EmploymentStatus Status)[] EndWords =
    [
        (["创业"], EmploymentStatus.SelfEmployed),
        (["务农", "种植", "养殖"], EmploymentStatus.Farming),
        (["灵活就业", "打零工", "零工"], EmploymentStatus.Flexible),
        (["上学", "读书", "升学", "入学", "在校"], EmploymentStatus.InSchool),
        (["丧失劳动能力", "无劳动能力", "伤残", "重病"], EmploymentStatus.UnableToWork),
    ];

    /// <summary>The status an end reason says: 返乡创业 -> 自主创业, 回家务农 -> 务农, 灵活就业, 上学 -> 在校, 丧失劳动能力 -> 无劳动能力;
    /// anything else (返乡, 离职, 辞职, 合同期满, 更换工作 …) -> 未就业.</summary>
    public static EmploymentStatus StatusAfterEnd(string? reason)
    {
        foreach (var (words, status) in EndWords)
            if (reason is not null && words.Any(reason.Contains)) return status;
        return EmploymentStatus.Unemployed;
    }

    /// <summary>A placement started, was corrected or ended: the ledger takes the values of the governing placement among
    /// <paramref name="all"/> (the person's placements, <paramref name="changed"/> included): the changed one's, or a newer one's,
    /// which then stand. <paramref name="industryOf"/> gives a placement's employer's industry when known.</summary>
    public void FollowPlacement(Placement changed, PlacementEvent what, IEnumerable<Placement> all, Func<Placement, string?> industryOf)
    {
        var list = all.ToList();
        if (!list.Contains(changed)) list.Add(changed);
        var g = Governing(list)!;
        if (g.Active)
        {
            EmploymentStatus = StatusFor(g.Band);
            Destination = g.Band;
            (WorkProvince, WorkCity, Employer) = (Blank(g.Province), Blank(g.City), g.EmployerName);
            Industry = Blank(industryOf(g));
            if (Blank(g.Position) is { } position) Occupation = position;
            WorkingSince = g.StartDate;
            MonthlyIncomeFen = g.MonthlyWageFen > 0 ? g.MonthlyWageFen : null;
        }
        else
        {
            EmploymentStatus = StatusAfterEnd(g.EndReason);
            (Destination, WorkProvince, WorkCity, Employer, Industry, WorkingSince, MonthlyIncomeFen) = (null, null, null, null, null, null, null);
        }
        AuditSource = SourceOf(changed, what) + (g == changed ? "" : $"（按较新的就业记录#{g.Id}）");
    }

    /// <summary>What the audit entry of the ledger's change says it came from: "就业记录#12 上岗" (更正, 结束：返乡).</summary>
    public static string SourceOf(Placement p, PlacementEvent what) => what switch
    {
        PlacementEvent.Started => $"就业记录#{p.Id} 上岗",
        PlacementEvent.Corrected => $"就业记录#{p.Id} 更正",
        _ => $"就业记录#{p.Id} 结束：{p.EndReason}",
    };

    /// <summary>Whether an audit source names a placement (the timeline words such a change as the ledger following it).</summary>
    public static bool FromPlacement(string? source) => source?.StartsWith("就业记录#", StringComparison.Ordinal) == true;

    static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

public enum PlacementEvent { Started = 1, Corrected = 2, Ended = 3 }
