using System.Linq.Expressions;

namespace CountySkills.Web.Features.Indicators;

/// <summary>One cell of a cross-breakdown: the group code of each breakdown asked for (in their order), and the figure.</summary>
public sealed record CrossRow(IReadOnlyList<string> Codes, decimal? Value, long? Numerator = null, long? Denominator = null);

public static partial class Figures
{
    /// <summary>
    /// An indicator's figure by two or three breakdowns at once (class kind x target group, township x band, fund x certificate kind x
    /// level), for the statistical tables: the same facts, place filter, aggregates and folding as <see cref="ComputeAsync"/> (tags into
    /// each target group they carry, five destinations into three bands, months as yyyy-MM), grouped in the database by every key at
    /// once. With <paramref name="tags"/> the target groups are those tags only: a fact carrying none of them is in "0" (其他).
    /// At most one of the breakdowns may be the township; reported and custom (outcome) indicators have no cross-breakdown.
    /// </summary>
    public static async Task<IReadOnlyList<CrossRow>> CrossAsync(AppDbContext db, Indicator ind, Period p, string? area, IReadOnlyList<Breakdown> by,
        Labels labels, CancellationToken ct, PersonTags? tags = null)
    {
        if (by.Count is < 2 or > 3 || by.Distinct().Count() != by.Count || by.Count(b => b == Breakdown.Township) > 1)
            throw new ArgumentException("交叉分组须为两到三个不同的分组（至多一个乡镇）", nameof(by));
        if (ind.Reported || ind.Custom is not null || by.Any(b => !ind.Breakdowns.Contains(b)))
            throw new ArgumentException($"指标“{ind.Name}”不能按 {string.Join("×", by)} 交叉分组", nameof(by));
        var raw = new List<(string[] Codes, long A, long B)>();
        foreach (var q in ind.Facts!(db, p).Select(q => InArea(q, area)))
            raw.AddRange(await GroupAsync(Keyed(q, by, RowLength(area, labels)), by, ind.Aggregate, ct));
        var mask = tags ?? AllTags;
        var folded = raw
            .SelectMany(r => Product(by.Select((b, i) => FoldCode(b, r.Codes[i], ind, labels, mask).ToArray()).ToArray()).Select(c => (Codes: c, r.A, r.B)))
            .GroupBy(r => string.Join("|", r.Codes))
            .Select(g => (Codes: g.First().Codes, A: g.Sum(x => x.A), B: g.Sum(x => x.B)));
        var orders = by.Select(b => CodeOrder(b)).ToArray();
        var byCodes = Comparer<string[]>.Create((x, y) =>
            Enumerable.Range(0, by.Count).Select(i => orders[i].Compare(x[i], y[i])).FirstOrDefault(c => c != 0));
        return folded.OrderBy(r => r.Codes, byCodes).Select(r =>
        {
            var f = Row(ind, "", "", r.A, r.B);
            return new CrossRow(r.Codes, f.Value, f.Numerator, f.Denominator);
        }).ToList();
    }

    /// <summary>A fact with its grouping keys: the township (S) and up to three numeric keys (N1..N3), for one GROUP BY.</summary>
    sealed class KeyedFact
    {
        public string S { get; set; } = "";
        public long N1 { get; set; }
        public long N2 { get; set; }
        public long N3 { get; set; }
        public long PersonId { get; set; }
        public long Value { get; set; }
    }

    static IQueryable<KeyedFact> Keyed(IQueryable<Fact> q, IReadOnlyList<Breakdown> by, int rows)
    {
        var f = Expression.Parameter(typeof(Fact), "f");
        var bindings = new List<MemberBinding>
        {
            Expression.Bind(typeof(KeyedFact).GetProperty(nameof(KeyedFact.PersonId))!, Expression.Property(f, nameof(Fact.PersonId))),
            Expression.Bind(typeof(KeyedFact).GetProperty(nameof(KeyedFact.Value))!, Expression.Property(f, nameof(Fact.Value))),
        };
        var slot = 0;
        foreach (var b in by)
        {
            if (b == Breakdown.Township)
            {
                var place = PlaceKey(rows);
                bindings.Add(Expression.Bind(typeof(KeyedFact).GetProperty(nameof(KeyedFact.S))!, new Rebind(place.Parameters[0], f).Visit(place.Body)));
                continue;
            }
            var key = Indicator.NumericKey(b);
            var body = new Rebind(key.Parameters[0], f).Visit(key.Body);
            bindings.Add(Expression.Bind(typeof(KeyedFact).GetProperty("N" + ++slot)!, body));
        }
        var lambda = Expression.Lambda<Func<Fact, KeyedFact>>(Expression.MemberInit(Expression.New(typeof(KeyedFact)), bindings), f);
        return q.Select(lambda);
    }

    sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }

    /// <summary>Groups by the keys in use only (a constant in GROUP BY reads as a column number on PostgreSQL), then puts each row's codes
    /// back in the order of <paramref name="by"/>.</summary>
    static async Task<List<(string[], long, long)>> GroupAsync(IQueryable<KeyedFact> q, IReadOnlyList<Breakdown> by, Aggregate agg, CancellationToken ct)
    {
        var township = by.Contains(Breakdown.Township);
        var numeric = by.Count - (township ? 1 : 0);
        List<(string S, long[] N, long A, long B)> rows = (township, numeric) switch
        {
            (false, 2) => (await Group(q, k => new { k.N1, k.N2 }, agg, ct)).Select(r => ("", new[] { r.Key.N1, r.Key.N2 }, r.A, r.B)).ToList(),
            (false, _) => (await Group(q, k => new { k.N1, k.N2, k.N3 }, agg, ct)).Select(r => ("", new[] { r.Key.N1, r.Key.N2, r.Key.N3 }, r.A, r.B)).ToList(),
            (true, 1) => (await Group(q, k => new { k.S, k.N1 }, agg, ct)).Select(r => (r.Key.S, new[] { r.Key.N1 }, r.A, r.B)).ToList(),
            _ => (await Group(q, k => new { k.S, k.N1, k.N2 }, agg, ct)).Select(r => (r.Key.S, new[] { r.Key.N1, r.Key.N2 }, r.A, r.B)).ToList(),
        };
        return rows.Select(r =>
        {
            var n = 0;
            return (by.Select(b => b == Breakdown.Township ? r.S : r.N[n++].ToString()).ToArray(), r.A, r.B);
        }).ToList();
    }

    sealed record KeyedGroup<TKey>(TKey Key, long A, long B);

    static Task<List<KeyedGroup<TKey>>> Group<TKey>(IQueryable<KeyedFact> q, Expression<Func<KeyedFact, TKey>> key, Aggregate agg, CancellationToken ct) => agg switch
    {
        Aggregate.Count => q.GroupBy(key).Select(g => new KeyedGroup<TKey>(g.Key, g.Count(), 0)).ToListAsync(ct),
        Aggregate.DistinctPeople => q.GroupBy(key).Select(g => new KeyedGroup<TKey>(g.Key, g.Select(f => f.PersonId).Distinct().Count(), 0)).ToListAsync(ct),
        Aggregate.Sum => q.GroupBy(key).Select(g => new KeyedGroup<TKey>(g.Key, g.Sum(f => f.Value), 0)).ToListAsync(ct),
        _ => q.GroupBy(key).Select(g => new KeyedGroup<TKey>(g.Key, g.Sum(f => f.Value), g.Count())).ToListAsync(ct),
    };

    /// <summary>Every combination of one code from each list.</summary>
    static IEnumerable<string[]> Product(string[][] lists) =>
        lists.Aggregate((IEnumerable<string[]>)[[]], (acc, list) => acc.SelectMany(prefix => list.Select(x => prefix.Append(x).ToArray())));
}
