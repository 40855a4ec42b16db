using CountySkills.Web.Features.Admin.Settings;
using CountySkills.Web.Features.Subsidies;

namespace CountySkills.Web.Data.Demo;

/// <summary>
/// Two calendar years of the county's work, from 1 January of last year up to today, in proportion to the ledger: the reference
/// county of 700,000 people trains ~11,000 person-times a year (~8,000 subsidised) in classes of 30-60 at its five institutions,
/// certifies ~3,000, places ~18,000 (35% in the county, 25% elsewhere in the province, 40% outside it; ~40% organised, ~15% under a
/// brand), follows them up at the configured months, claims and pays the subsidies, and sees ~150 businesses founded a year.
/// So the dashboards, reports and benchmarks have something to count. Deterministic (one seeded Random over the ledger in Id
/// order; only the public codes, which must not be guessable, are random). Added beside the hand-made demo records, never instead
/// of them: other class names, other people. Stored through the bulk path (BulkInsert: a prepared statement on SQLite, binary COPY
/// on PostgreSQL) in one transaction, with one summary audit entry per kind of record (ADR 0004); present once that entry is.
/// </summary>
public sealed partial class DemoHistory
{
    public const string Marker = "demo-history";
    public const int ReferencePeople = 700_000;
    const int Seed = 20260301;
    const int TrainingsPerYear = 11_000, PlacementsPerYear = 18_000, BusinessesPerYear = 150, OtherCertificatesPerYear = 250;
    const string Staff = "school01";

    public sealed record Summary(int People, int Classes, int Enrolments, int Sessions, int Attendance, int Certificates, int Claims, int ClaimLines,
        int Paid, int Placements, int FollowUps, int Alerts, int Businesses, int Members)
    {
        public override string ToString() =>
            $"{Classes:N0} classes, {Enrolments:N0} enrolments, {Sessions:N0} sessions, {Attendance:N0} attendance marks, {Certificates:N0} certificates, "
            + $"{Claims:N0} claims ({ClaimLines:N0} lines, {Paid:N0} paid), {Placements:N0} placements, {FollowUps:N0} follow-ups, {Alerts:N0} alerts, "
            + $"{Businesses:N0} businesses, {Members:N0} brand members";
    }

    /// <summary>A person of the ledger as the generator needs them (the whole ledger is held in memory this way: ~30 bytes each).</summary>
    readonly record struct Candidate(long Id, DateOnly Birth, string Area, PersonTags Tags, Sex Sex);

    readonly AppDbContext _db;
    readonly DateOnly _today, _from;
    readonly DateTime _now;
    readonly IReadOnlyList<int> _months;
    readonly Random _rnd = new(Seed);
    readonly Dictionary<string, int> _stored = [];
    Candidate[] _pool = [];
    /// <summary>People the hand-made demo already uses: the history leaves them alone.</summary>
    HashSet<long> _demo = [];
    readonly Dictionary<long, List<(DateOnly Start, DateOnly End)>> _training = [];
    readonly HashSet<long> _placed = [];
    double _scale;
    List<Institution> _institutions = [];
    List<Employer> _employers = [];
    Dictionary<string, Occupation> _occupations = [];
    Dictionary<string, long> _brands = [];
    WorkCalendar _calendar = WorkCalendar.WeekdaysOnly;

    DemoHistory(AppDbContext db, DateOnly today, DateTime nowUtc, IReadOnlyList<int> followUpMonths)
    {
        (_db, _today, _now, _months) = (db, today, nowUtc, followUpMonths);
        _from = new DateOnly(today.Year - 1, 1, 1);
    }

    /// <summary>Whether the history is there already (its marker), or the database holds more training than a demo (real or other data).</summary>
    public static async Task<bool> PresentAsync(AppDbContext db, CancellationToken ct) =>
        await db.AuditEntries.AnyAsync(a => a.Entity == nameof(TrainingClass) && a.EntityKey == Marker, ct)
        || await db.Enrolments.CountAsync(ct) > 1_000;

    /// <summary>Adds the history in proportion to the ledger (people / 700,000) unless it is present; null when nothing was added.</summary>
    public static async Task<Summary?> SeedAsync(AppDbContext db, TimeProvider clock, IReadOnlyList<int> followUpMonths, CancellationToken ct = default)
    {
        if (await PresentAsync(db, ct)) return null;
        return await new DemoHistory(db, clock.Today(), clock.GetUtcNow().UtcDateTime, followUpMonths).RunAsync(ct);
    }

    async Task<Summary?> RunAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (_pool.Length == 0 || _institutions.Count < 5) return null;
        await using var tx = await _db.Database.BeginTransactionAsync(ct);
        var classes = await TrainingAsync(ct);
        var certificates = classes.Sum(c => c.Trainees.Count(t => t.Certificate is not null)) + await OtherCertificatesAsync(ct);
        var (claims, lines, paid) = await SubsidiesAsync(classes, ct);
        var (placements, followUps, alerts) = await EmploymentAsync(classes, ct);
        var businesses = await BusinessesAsync(ct);
        var members = await MembersAsync(classes, ct);
        await BudgetsAsync(ct);
        var summary = new Summary(_pool.Length, classes.Count, classes.Sum(c => c.Trainees.Count), classes.Sum(c => c.Sessions.Count), _stored.GetValueOrDefault(nameof(AttendanceRecord)),
            certificates, claims, lines, paid, placements, followUps, alerts, businesses, members);
        _stored.TryAdd(nameof(TrainingClass), 0); // the marker, even when the ledger was too small for a class
        foreach (var (entity, count) in _stored)
            _db.AuditEntries.Add(new AuditEntry
            {
                AtUtc = _now, UserName = _db.Actor.UserName, Action = AuditEntry.Insert, Entity = entity, EntityKey = Marker,
                Changes = $"{{\"count\":[null,{count}],\"source\":[null,\"demo history {_from:yyyy-MM-dd}..{_today:yyyy-MM-dd}\"]}}",
            });
        await _db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return summary;
    }

    async Task LoadAsync(CancellationToken ct)
    {
        var areas = new Dictionary<string, string>();
        var pool = new List<Candidate>();
        await foreach (var p in _db.People.AsNoTracking().Where(p => p.MergedIntoId == null).OrderBy(p => p.Id)
                           .Select(p => new { p.Id, p.BirthDate, p.AreaCode, p.Tags, p.Sex }).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (!areas.TryGetValue(p.AreaCode, out var area)) areas[p.AreaCode] = area = p.AreaCode;
            pool.Add(new Candidate(p.Id, p.BirthDate, area, p.Tags, p.Sex));
        }
        _pool = [.. pool];
        _scale = _pool.Length / (double)ReferencePeople;
        _demo = [.. await _db.Enrolments.Select(e => e.PersonId).ToListAsync(ct), .. await _db.Placements.Select(p => p.PersonId).ToListAsync(ct),
            .. await _db.Businesses.Select(b => b.FounderId).ToListAsync(ct), .. await _db.BrandMembers.Select(m => m.PersonId).ToListAsync(ct)];
        _institutions = await _db.Institutions.AsNoTracking().OrderBy(i => i.Id).ToListAsync(ct);
        _employers = await _db.Employers.AsNoTracking().OrderBy(e => e.Id).ToListAsync(ct);
        _occupations = await _db.Occupations.AsNoTracking().ToDictionaryAsync(o => o.Code, ct);
        _brands = (await _db.Brands.AsNoTracking().Select(b => new { b.Category, b.Id }).ToListAsync(ct))
            .GroupBy(b => b.Category).ToDictionary(g => g.Key, g => g.Min(b => b.Id));
        _calendar = await CurrentSettings.CalendarAsync(_db, _now, ct);
    }

    /// <summary>A random person of the ledger the demo does not use, meeting <paramref name="ok"/>; null when none turns up.</summary>
    Candidate? Pick(Func<Candidate, bool> ok, int tries = 80)
    {
        for (var i = 0; i < tries; i++)
        {
            var c = _pool[_rnd.Next(_pool.Length)];
            if (!_demo.Contains(c.Id) && ok(c)) return c;
        }
        return null;
    }

    static int Age(Candidate c, DateOnly on) => Person.Age(c.Birth, on);

    /// <summary>How many of something the reference county has a year, for this ledger over <paramref name="first"/>..<paramref name="last"/>.</summary>
    int Share(int perYear, DateOnly first, DateOnly last) => (int)Math.Round(perYear * _scale * (last.DayNumber - first.DayNumber + 1) / 365.25);

    /// <summary>10:00 in the county on that day (02:00 UTC), never after now.</summary>
    DateTime Utc(DateOnly day, int hourUtc = 2)
    {
        var t = day.ToDateTime(new TimeOnly(hourUtc, 0), DateTimeKind.Utc);
        return t < _now ? t : _now;
    }

    DateOnly Between(DateOnly first, DateOnly last) => first.AddDays(_rnd.Next(last.DayNumber - first.DayNumber + 1));

    static DateOnly Weekday(DateOnly d) => d.DayOfWeek switch { DayOfWeek.Saturday => d.AddDays(2), DayOfWeek.Sunday => d.AddDays(1), _ => d };

    T OneOf<T>(IReadOnlyList<T> items) => items[_rnd.Next(items.Count)];

    bool Chance(double p) => _rnd.NextDouble() < p;

    /// <summary>Rows through the bulk path (counted for the summary audit entries).</summary>
    async Task Store<T>(IReadOnlyCollection<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        await BulkInsert.InsertAsync(_db, rows, ct);
        _stored[typeof(T).Name] = _stored.GetValueOrDefault(typeof(T).Name) + rows.Count;
    }

    /// <summary>Last year's budgets beside the demo's budgets of this year, so the subsidy pages have two years to compare.</summary>
    async Task BudgetsAsync(CancellationToken ct)
    {
        var year = _today.Year - 1;
        if (await _db.Budgets.AnyAsync(b => b.Year == year, ct)) return;
        _db.Budgets.AddRange(
            new SubsidyBudget { Year = year, Fund = SubsidyFund.EmploymentFund, AmountFen = 7_500_000_00, Note = "县就业补助资金年度预算" },
            new SubsidyBudget { Year = year, Fund = SubsidyFund.SkillsAccount, AmountFen = 2_800_000_00, Note = "职业技能提升行动专账资金" });
        await _db.SaveChangesAsync(ct);
    }

    static SubsidyRules? Usable(SubsidyRules r) => r.Id == 0 ? null : r;

    async Task<SubsidyRules?> RulesAsync(CancellationToken ct) => Usable(await SubsidyHistory.RulesAtAsync(_db, _now, ct));
}
