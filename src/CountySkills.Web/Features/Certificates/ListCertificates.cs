namespace CountySkills.Web.Features.Certificates;

/// <summary>Certificates within the caller's scope: by holder, class, number, kind or year of issue.</summary>
public static class ListCertificates
{
    public sealed record Query
    {
        public string? Q { get; set; }
        public long? PersonId { get; set; }
        public long? ClassId { get; set; }
        public string? Kind { get; set; }
        public int? Year { get; set; }
        public int? Page { get; set; }
        public int? PageSize { get; set; }
    }

    public sealed record Page(IReadOnlyList<CertificateView> Items, int Total);

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, People.ExactSearch.Gate search)
    {
        public async Task<Result<Page>> Handle(Query q, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var certs = db.Certificates.AsNoTracking().VisibleTo(user);
            if (q.PersonId is { } pid) certs = certs.Where(c => c.PersonId == pid);
            if (q.ClassId is { } cid) certs = certs.Where(c => c.ClassId == cid);
            if (!string.IsNullOrWhiteSpace(q.Kind))
            {
                if (!Zh.TryParse<CertificateKind>(q.Kind, out var k)) return Result.Invalid("kind", $"未知的证书类别：{q.Kind}");
                certs = certs.Where(c => c.Kind == k);
            }
            if (q.Year is { } y and > 1900 and < 3000)
            {
                var (from, to) = (new DateOnly(y, 1, 1), new DateOnly(y + 1, 1, 1));
                certs = certs.Where(c => c.IssuedOn >= from && c.IssuedOn < to);
            }
            if (!string.IsNullOrWhiteSpace(q.Q))
            {
                var s = q.Q.Trim();
                if (IdNumber.TryParse(s, null, out var id, out _))
                {
                    // By full ID number this is an exact search (it names the holder): the permission, except for a school's own
                    // trainees and an employer's own workers (their scope holds no one else), the per-minute limit and the audit log.
                    var ownOnly = user.IsInRole(Roles.InstitutionStaff) || user.IsInRole(Roles.EmployerStaff);
                    if (await search.AdmitAsync(db, ct, needsPermission: !ownOnly) is { } refused) return refused;
                    certs = certs.Where(c => c.Person!.IdNumber == id.Value);
                    var holders = await certs.Select(c => new { c.PersonId, c.Person!.AreaCode }).Distinct().Take(2).ToListAsync(ct);
                    search.Audit(db, People.ExactSearch.Kind.IdNumber, s, holders.Count, holders.Count == 1 ? holders[0].PersonId : null,
                        holders.Count == 1 ? holders[0].AreaCode : null, People.ExactSearch.Purpose.Certificate);
                    await db.SaveChangesAsync(ct);
                }
                else
                {
                    var number = Certificate.NormaliseNumber(s);
                    certs = certs.Where(c => c.Number == number || c.Person!.Name == s || c.OccupationName.Contains(s));
                }
            }
            var size = Math.Clamp(q.PageSize ?? 20, 1, 200);
            var page = Math.Clamp(q.Page ?? 1, 1, 100_000);
            var total = await certs.CountAsync(ct);
            var items = await CertificateView.Project(certs.OrderByDescending(c => c.IssuedOn).ThenByDescending(c => c.Id).Skip((page - 1) * size).Take(size)).ToListAsync(ct);
            return new Page(items.Select(i => i.Masked()).ToList(), total);
        }

        public async Task<Result<CertificateView>> Get(long id, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var c = await db.Certificates.AsNoTracking().Include(x => x.Person).SingleOrDefaultAsync(x => x.Id == id, ct);
            if (c is null) return Result.NotFound("没有找到该证书");
            if (!user.CanSee(c, c.Person!)) return Result.Forbidden("该证书不在您的权限范围内");
            return (await CertificateView.Project(db.Certificates.Where(x => x.Id == id)).SingleAsync(ct)).Masked();
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/certificates", async ([AsParameters] Query q, Handler h, CancellationToken ct) => (await h.Handle(q, ct)).ToHttp())
            .WithName(nameof(ListCertificates)).WithSummary("Certificates within the caller's scope, newest first");
        api.MapGet("/certificates/{id:long}", async (long id, Handler h, CancellationToken ct) => (await h.Get(id, ct)).ToHttp()).WithName("GetCertificate");
    }
}
