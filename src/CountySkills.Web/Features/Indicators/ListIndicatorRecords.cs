namespace CountySkills.Web.Features.Indicators;

/// <summary>
/// The records behind a figure (drill-down): GET /api/indicators/{key}/records?from=&amp;to=&amp;area=&amp;by=&amp;group=&amp;page=&amp;pageSize=.
/// The same facts and filters as the figure, so <c>total</c> equals it: records for a count, people for a count of people (one row each),
/// records and their sum for a sum, the denominator's records (each marked whether it counts in the numerator) for a rate.
/// Names are shown as in the ledger's lists and ID numbers masked.
/// </summary>
public static class ListIndicatorRecords
{
    public sealed record Query
    {
        public DateOnly? From { get; set; }
        public DateOnly? To { get; set; }
        public string? Area { get; set; }
        public string? By { get; set; }
        public string? Group { get; set; }
        public int? Page { get; set; }
        public int? PageSize { get; set; }
    }

    public sealed record Item(long RecordId, long PersonId, string? Name, string? IdNumber, string Township, DateOnly Day, long Value, bool Counted);

    public sealed record Page(string Key, string RecordKind, string? Group, string GroupName, long Total, long? Numerator, long? Sum, int PageNumber, int PageSize, DateTime AsOf,
        IReadOnlyList<Item> Items)
    {
        [System.Text.Json.Serialization.JsonIgnore] public DataFreshness? Freshness { get; init; }
        public string Source => Freshness?.Source ?? DataFreshness.Primary;
        public DateTime DataAsOf => Freshness?.DataAsOf ?? AsOf;
        public double LagSeconds => Freshness?.LagSeconds ?? 0;
    }

    public sealed class Handler(IReadDbContextFactory dbs, CurrentUser user, TimeProvider clock)
    {
        public async Task<Result<Page>> Handle(string key, Query q, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var fresh = await dbs.FreshnessAsync(db, ct);
            var r = await IndicatorRequest.ResolveAsync(db, user, clock, key, new IndicatorQuery { From = q.From, To = q.To, Area = q.Area, By = q.By }, ct);
            if (!r.IsOk) return r.AsFailure();
            var (ind, period, area, by) = r.Value!;
            if (ind.Reported) return Result.Invalid("key", "填报类指标没有明细记录，请在“填报数据”中查看各月填报值", "indicator.reported");
            var labels = await Labels.LoadAsync(db, ct);
            var group = string.IsNullOrWhiteSpace(q.Group) || q.Group == Figures.TotalCode ? null : q.Group.Trim();
            if (group is not null && (by is null || !Figures.IsCode(by.Value, group)))
                return Result.Invalid("group", by is null ? "按分组查看明细时须同时给出 by" : $"“{group}”不是“{IndicatorRequest.Name(by.Value)}”的分组代码", "indicator.group_invalid");
            var (page, size) = (Math.Max(1, q.Page ?? 1), Math.Clamp(q.PageSize ?? 50, 1, 500));
            var parts = ind.Facts!(db, period).Select(f => Figures.InArea(f, area)).Select(f => group is null ? f : Figures.InGroup(f, by!.Value, group, ind, labels)).ToArray();
            var facts = parts[0];
            for (var i = 1; i < parts.Length; i++) facts = facts.Concat(parts[i]);
            long total; long? numerator = null, sum = null;
            IQueryable<Fact> listed;
            if (ind.Aggregate == Aggregate.DistinctPeople)
            {
                var firsts = facts.GroupBy(f => f.PersonId).Select(g => g.Min(f => f.RecordId));
                total = await facts.Select(f => f.PersonId).Distinct().CountAsync(ct);
                listed = facts.Where(f => firsts.Contains(f.RecordId));
            }
            else
            {
                total = await facts.CountAsync(ct);
                if (ind.Aggregate == Aggregate.Ratio) numerator = await facts.CountAsync(f => f.Value > 0, ct);
                if (ind.Aggregate == Aggregate.Sum) sum = await facts.SumAsync(f => (long?)f.Value, ct) ?? 0;
                listed = facts;
            }
            var rows = await listed.OrderByDescending(f => f.Day).ThenByDescending(f => f.RecordId).Skip((page - 1) * size).Take(size)
                .Select(f => new { f.RecordId, f.PersonId, f.Township, f.Day, f.Value }).ToListAsync(ct);
            var ids = rows.Select(x => x.PersonId).Distinct().ToList();
            var people = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.Name, p.IdNumber }).ToDictionaryAsync(p => p.Id, ct);
            var items = rows.Select(x => new Item(x.RecordId, x.PersonId, people.GetValueOrDefault(x.PersonId)?.Name,
                people.GetValueOrDefault(x.PersonId) is { } p ? IdNumber.Mask(p.IdNumber) : null, labels.AreaName(x.Township), x.Day, x.Value,
                ind.Aggregate != Aggregate.Ratio || x.Value > 0)).ToList();
            return new Page(ind.Key, ind.RecordKind, group, group is null ? "合计" : labels.Of(by!.Value, group, ind), total, numerator, sum, page, size,
                clock.GetUtcNow().UtcDateTime, items) { Freshness = fresh };
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/indicators/{key}/records", async (string key, [AsParameters] Query q, Handler h, CancellationToken ct) => (await h.Handle(key, q, ct)).ToHttp())
            .WithName(nameof(ListIndicatorRecords)).WithTags("Indicators").RequirePermission(Perm.IndicatorsRead)
            .WithSummary("The records behind a figure (drill-down), scoped and masked; total equals the figure");
}
