using FluentValidation;

namespace CountySkills.Web.Features.Subsidies;

/// <summary>
/// The public notice (公示) of approved subsidy lists, with no sign-in: GET /api/public/notices, GET /api/public/notices/{code}, and
/// POST /api/public/notices/{code}/objections {contact, text, lineId?} while the notice runs; the page /notices/{code} does the same
/// with a plain form. Names and ID numbers are masked; everything under /api/public and /notices is rate-limited per address.
/// A notice is addressed by its claim's random public code (its <c>id</c> in the list), never by the claim's sequential id (ADR 0013).
/// </summary>
public static class PublicNotices
{
    public sealed record NoticeLine(long LineId, int Seq, string Name, string IdNumber, string Occupation, string Level, string CertificateKind, long AmountFen,
        bool Cancelled, string? CancelledReason);

    public sealed record Notice(string Id, string Title, string Institution, string ClassName, DateOnly ClassStart, DateOnly ClassEnd, DateOnly StartsOn,
        DateOnly EndsOn, bool Open, string StatusText, long TotalFen, IReadOnlyList<NoticeLine> Lines);

    /// <summary>Days a notice stays on the public pages after it ended.</summary>
    public const int PublicDays = 30;

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, TimeProvider clock)
    {
        public async Task<List<Notice>> CurrentAsync(CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var since = clock.Today().AddDays(-PublicDays);
            var ids = await db.Claims.Where(c => c.NoticeEndsOn != null && c.NoticeEndsOn >= since).OrderByDescending(c => c.NoticeStartsOn).ThenBy(c => c.Id)
                .Select(c => c.Id).Take(50).ToListAsync(ct);
            var list = new List<Notice>();
            foreach (var id in ids) list.Add((await LoadAsync(db, id, ct))!);
            return list;
        }

        public async Task<Notice?> OneAsync(string code, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            return await ClaimOf(db, code, ct) is { } id ? await LoadAsync(db, id, ct) : null;
        }

        /// <summary>The claim a public code names; null for anything that is not one (a sequential id included).</summary>
        internal static async Task<long?> ClaimOf(AppDbContext db, string? code, CancellationToken ct) =>
            PublicCodes.Normalise(code) is { } c ? await db.Claims.Where(x => x.PublicCode == c).Select(x => (long?)x.Id).SingleOrDefaultAsync(ct) : null;

        async Task<Notice?> LoadAsync(AppDbContext db, long id, CancellationToken ct)
        {
            // A notice stays public while it runs and for 30 days after it ended.
            var since = clock.Today().AddDays(-PublicDays);
            var c = await db.Claims.AsNoTracking().Include(x => x.Institution).Include(x => x.Class).ThenInclude(k => k!.Occupation)
                .SingleOrDefaultAsync(x => x.Id == id && x.NoticeStartsOn != null && x.NoticeEndsOn >= since, ct);
            if (c is null) return null;
            // What was noticed: the lines approved at review; a line later rejected on an objection stays listed, marked cancelled, and leaves the total.
            var lines = await db.ClaimLines.AsNoTracking().Where(l => l.ClaimId == id && (l.Decision == LineDecision.Approved || l.DecisionReason!.StartsWith("公示异议成立")))
                .OrderBy(l => l.Id).Select(l => new { l.Id, l.Person!.Name, l.Person.IdNumber, l.OccupationId, l.Level, l.Kind, Fen = l.AmountFen + l.AssessmentFen,
                    Cancelled = l.Decision == LineDecision.Rejected, l.DecisionReason })
                .ToListAsync(ct);
            var occ = await db.Occupations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, ct);
            var today = clock.Today();
            var open = c.NoticeOpen(today);
            var status = open ? Say.Text("Pub.Notice.OpenUntil", string.Format(System.Globalization.CultureInfo.CurrentCulture, "{0:" + Say.Text("Pub.DateFormat") + "}", c.NoticeEndsOn))
                : Say.Text(today < c.NoticeStartsOn ? "Pub.Notice.NotStarted" : "Pub.Notice.Ended");
            return new Notice(c.PublicCode, $"{c.Institution!.Name}{c.Class!.Name}培训补贴公示", c.Institution.Name, c.Class.Name, c.Class.StartDate, c.Class.EndDate,
                c.NoticeStartsOn!.Value, c.NoticeEndsOn!.Value, open, status, lines.Where(l => !l.Cancelled).Sum(l => l.Fen),
                lines.Select((l, i) => new NoticeLine(l.Id, i + 1, Person.MaskName(l.Name), IdNumber.Mask(l.IdNumber), occ.GetValueOrDefault(l.OccupationId, ""),
                    l.Level == SkillLevel.None ? "—" : Words.Of(l.Level), Words.Of(l.Kind), l.Cancelled ? 0 : l.Fen, l.Cancelled, l.Cancelled ? Say.Text("Pub.Notice.Cancelled") : null)).ToList());
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/public/notices", async (Handler h, CancellationToken ct) => TypedResults.Ok(await h.CurrentAsync(ct)))
            .AllowAnonymous().WithName("ListPublicNotices").WithSummary("Subsidy notices running or ended in the last 30 days (masked); rate-limited");
        api.MapGet("/public/notices/{code}", async (string code, Handler h, CancellationToken ct) =>
                await h.OneAsync(code, ct) is { } n ? Results.Ok(n) : Http.Problem(404, "没有找到该公示", "notice.unknown"))
            .AllowAnonymous().WithName("GetPublicNotice").WithSummary("One subsidy notice with its masked list; rate-limited");
    }

    /// <summary>The public page: /notices lists them, /notices/{code} shows one with an objection form (a plain POST, no circuit).</summary>
    public static void MapPages(IEndpointRouteBuilder app)
    {
        static Microsoft.AspNetCore.Http.HttpResults.RazorComponentResult Page(object args, int status = 200) => new Microsoft.AspNetCore.Http.HttpResults.RazorComponentResult<NoticePage>(args) { StatusCode = status };
        app.MapGet("/notices", async (Handler h, CancellationToken ct) => Page(new { List = await h.CurrentAsync(ct) })).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/notices/{code}", async (string code, Handler h, CancellationToken ct) =>
                await h.OneAsync(code, ct) is { } n ? Page(new { Notice = n }) : Page(new { Missing = true }, 404))
            .AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/notices/{code}", async (string code, [Microsoft.AspNetCore.Mvc.FromForm] string? contact, [Microsoft.AspNetCore.Mvc.FromForm] string? text,
                [Microsoft.AspNetCore.Mvc.FromForm] long? lineId, Handler h, FileObjection.Handler file, FluentValidation.IValidator<FileObjection.Command> validator,
                CancellationToken ct) =>
            {
                var input = new FileObjection.Command(contact, text, lineId);
                // The page shows every problem at once, under the text box.
                var check = await validator.ValidateAsync(input, ct);
                var r = check.IsValid ? await file.Handle(code, input, ct) : Result.Invalid("text", string.Join("；", check.Errors.Select(e => e.ErrorMessage)));
                var n = await h.OneAsync(code, ct);
                if (n is null) return Page(new { Missing = true }, 404);
                return r.IsOk ? Page(new { Notice = n, Filed = r.Value })
                    : Page(new { Notice = n, Error = r.Detail, Contact = contact, Text = text }, r.Outcome == Outcome.Conflict ? 409 : 400);
            })
            .AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
    }
}
