namespace CountySkills.Web.Domain;

/// <summary>
/// Complaint-free service counted in calendar months, as a star scheme (GB/T 31771) states its thresholds: 1 Feb to 1 Aug is six months,
/// 2 Feb to 1 Aug is five. A month that ends before the start day's number closes the month on its last day: 31 Jan to 28 (29) Feb is one month.
/// </summary>
public static class ServiceMonths
{
    /// <summary>At most this many months are added for commendations received since the last valid complaint.</summary>
    public const int MaxCommendationMonths = 6;

    /// <summary>Whole calendar months from <paramref name="from"/> to <paramref name="to"/>: the largest m with from + m months ≤ to
    /// (0 when <paramref name="to"/> is not after <paramref name="from"/>).</summary>
    public static int Between(DateOnly from, DateOnly to)
    {
        if (to <= from) return 0;
        var m = (to.Year - from.Year) * 12 + to.Month - from.Month;
        if (from.AddMonths(m) > to) m--;
        return Math.Max(0, m);
    }

    /// <summary>Months of service without a valid complaint: the placements (an open one runs to today) from the day after the last
    /// valid complaint, overlapping or back-to-back placements joined into one span, whole calendar months per span.</summary>
    public static int ComplaintFree(IEnumerable<(DateOnly Start, DateOnly? Ended)> placements, DateOnly? lastValidComplaint, DateOnly today)
    {
        var spans = placements
            .Select(p => (From: lastValidComplaint is { } c && p.Start <= c ? c.AddDays(1) : p.Start, To: p.Ended is { } e && e < today ? e : today))
            .Where(s => s.To > s.From)
            .OrderBy(s => s.From)
            .ToList();
        var months = 0;
        (DateOnly From, DateOnly To)? open = null;
        foreach (var s in spans)
        {
            if (open is { } o && s.From <= o.To.AddDays(1)) { open = (o.From, s.To > o.To ? s.To : o.To); continue; }
            if (open is { } done) months += Between(done.From, done.To);
            open = s;
        }
        if (open is { } last) months += Between(last.From, last.To);
        return months;
    }

    /// <summary>The months a proposal uses: service plus a month for each commendation since the last valid complaint, at most six.</summary>
    public static int WithCommendations(int serviceMonths, int commendations) => serviceMonths + Math.Min(MaxCommendationMonths, commendations);
}
