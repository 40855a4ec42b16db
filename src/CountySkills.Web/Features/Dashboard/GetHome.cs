using CountySkills.Web.Features.Admin;
using CountySkills.Web.Features.Employment;
using CountySkills.Web.Features.People;
using CountySkills.Web.Features.Subsidies;
using CountySkills.Web.Features.Training;

namespace CountySkills.Web.Features.Dashboard;

/// <summary>
/// GET /api/home: the signed-in user's work list. Each role gets the sections of work it can have (a township officer their overdue and
/// due follow-ups, unpaid-wage alerts, incomplete ledger records and the township's targets; a school its classes by state, sessions
/// to take today, returned claims ...), each with its count, the link to the list where the work is done (filtered in the address) and
/// the first items. Every count is that list's own total, taken through the list's handler (so the same scope and filter).
/// </summary>
public static partial class GetHome
{
    /// <summary>One item: <see cref="Title"/> is data (a name, a class), or for a state or an indicator its <see cref="Code"/> names it
    /// (the page words it); <see cref="Flags"/> are codes too (what an incomplete record misses).</summary>
    public sealed record Entry(string Title, string Link, string? Detail = null, int? Count = null, string? Code = null, string? TitleEn = null,
        IReadOnlyList<string>? Flags = null);

    public sealed record Section(string Key, int Count, string Link, IReadOnlyList<Entry> Items);

    public sealed record Home(string? Role, string ScopeName, DateOnly Today, IReadOnlyList<Section> Sections);

    /// <summary>How many items a section shows (its count is the whole list's).</summary>
    public const int First = 5;

    public sealed partial class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, Auth.GetMe.Handler me,
        ListFollowUps.Handler followUps, Alerts.Handler alerts, ListClasses.Handler classes, ListClaims.Handler claims, ListJobOrders.Handler orders,
        ListAudit.Handler audit, ExactSearch.Gate search)
    {
        public async Task<Home> Handle(CancellationToken ct)
        {
            var sections = user.Role switch
            {
                Roles.TownshipOfficer when !user.ScopeBroken => await TownshipAsync(ct),
                Roles.InstitutionStaff => await InstitutionAsync(ct),
                Roles.EmployerStaff => await EmployerAsync(ct),
                Roles.CountyOfficer => await CountyAsync(ct),
                Roles.Viewer => [await TargetsAsync(Planning.PlanProgress.County, ct)],
                Roles.Admin => await AccountsAsync(ct),
                Roles.Auditor => await AuditorAsync(ct),
                _ => [],
            };
            return new Home(user.Role, (await me.Handle(ct)).ScopeName, clock.Today(), sections);
        }

        async Task<List<Section>> TownshipAsync(CancellationToken ct) =>
        [
            await FollowUpsAsync("followups.overdue", "overdue", ct),
            await FollowUpsAsync("followups.due", "due", ct),
            await AlertsAsync("alerts.unpaid", AlertKind.UnpaidWages, ct),
            await IncompleteAsync(ct),
            await TargetsAsync(Planning.PlanProgress.Township, ct),
        ];

        async Task<List<Section>> InstitutionAsync(CancellationToken ct) =>
        [
            await ClassesByStateAsync(ct),
            await ClassListAsync("sessions.today", new ListClasses.Query { Attendance = "today" }, "/training/classes?attendance=today", ct),
            await ClaimListAsync("claims.returned", ClaimStatus.Returned, ct),
            await ClaimListAsync("claims.notice", ClaimStatus.InNotice, ct),
            await ClassListAsync("inspections.open", new ListClasses.Query { Inspection = "open" }, "/training/classes?inspection=open", ct),
        ];

        async Task<List<Section>> EmployerAsync(CancellationToken ct) =>
        [
            await FollowUpsAsync("followups.confirm", "open", ct),
            await JobOrdersAsync(ct),
        ];

        async Task<List<Section>> CountyAsync(CancellationToken ct) =>
        [
            await ClassListAsync("classes.submitted", new ListClasses.Query { Status = nameof(ClassStatus.Submitted) }, "/training/classes?status=Submitted", ct),
            await ClaimListAsync("claims.submitted", ClaimStatus.Submitted, ct),
            await ClaimListAsync("notices.ending", ClaimStatus.InNotice, ct),
            await AlertsAsync("alerts.open", null, ct),
            await ClassListAsync("inspections.overdue", new ListClasses.Query { Inspection = "overdue" }, "/training/classes?inspection=overdue", ct),
            await TargetsAsync(Planning.PlanProgress.County, ct),
        ];

        async Task<List<Section>> AuditorAsync(CancellationToken ct)
        {
            var from = clock.Today().AddDays(-6);
            var link = $"/admin/audit?from={from:yyyy-MM-dd}";
            var page = (await audit.Handle(new AuditFilter(From: from), 1, First, ct)).Value!;
            var recent = new Section("audit.recent", page.Total, link, page.Items.Select(a => new Entry(a.UserDisplayName ?? a.UserName, link,
                $"{a.ActionName} {a.EntityName} · {clock.ToLocal(a.AtUtc):MM-dd HH:mm}")).ToList());
            return [recent, await ClaimListAsync("claims.paid", ClaimStatus.Paid, ct)];
        }
    }

    public static void Map(RouteGroupBuilder api) => api.MapGet("/home", async (Handler h, CancellationToken ct) => TypedResults.Ok(await h.Handle(ct)))
        .WithName(nameof(GetHome)).WithTags("Dashboard").RequirePermission(Perm.SignedIn)
        .WithSummary("The signed-in user's work list: sections (key, count, link to the filtered list) with their first items");
}
