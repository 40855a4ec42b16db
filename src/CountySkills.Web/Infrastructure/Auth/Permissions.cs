namespace CountySkills.Web.Infrastructure.Auth;

/// <summary>
/// The one permission table: which role may read or write which area. The menu, the pages
/// (<c>[Authorize(Policy = Perm.X)]</c>), the API endpoints (<c>.RequirePermission(Perm.X)</c>, or the convention of
/// <see cref="PermissionSetup"/> for those that name none) and the handlers' in-memory checks all read it; a test
/// walks every operation of the OpenAPI document for every role against it. Scope (which records) is decided
/// separately, where data is queried (<see cref="Scope"/>).
/// </summary>
public static class Perm
{
    public const string SignedIn = "signed-in";
    public const string PeopleRead = "people.read", PeopleWrite = "people.write", PeopleReveal = "people.reveal",
        PeopleExport = "people.export", PeopleAccessLog = "people.access-log", PeopleSearchExact = "people.search_exact";
    public const string TrainingRead = "training.read", TrainingWrite = "training.write", TrainingCounty = "training.county";
    public const string CertificatesRead = "certificates.read", CertificatesWrite = "certificates.write", CertificatesCounty = "certificates.county";
    public const string SubsidiesRead = "subsidies.read", SubsidiesWrite = "subsidies.write", SubsidiesCounty = "subsidies.county",
        SubsidiesFinance = "subsidies.finance", SubsidiesBudgets = "subsidies.budgets", SubsidiesRules = "subsidies.rules";
    public const string EmploymentRead = "employment.read", EmploymentWrite = "employment.write", EmploymentCounty = "employment.county",
        EmploymentConfirm = "employment.confirm", EmploymentOversight = "employment.oversight", EmployersEdit = "employment.employers-edit", JobOrdersWrite = "employment.job-orders";
    public const string BrandsRead = "brands.read", BrandsWrite = "brands.write";
    public const string EntrepreneurshipRead = "entrepreneurship.read", EntrepreneurshipWrite = "entrepreneurship.write", BusinessesWrite = "entrepreneurship.businesses";
    public const string PlanningRead = "planning.read", PlanningWrite = "planning.write", IndicatorsRead = "indicators.read";
    public const string DashboardRead = "dashboard.read", ReportsRead = "reports.read";
    public const string UsersManage = "admin.users", SettingsRead = "admin.settings-read", SettingsWrite = "admin.settings", AuditRead = "admin.audit";

    const string A = Roles.Admin, C = Roles.CountyOfficer, T = Roles.TownshipOfficer, I = Roles.InstitutionStaff,
        E = Roles.EmployerStaff, V = Roles.Viewer, U = Roles.Auditor;

    /// <summary>Permission -> the roles that hold it. Viewers read masked lists, dashboards and reports, and export
    /// no person-level file; auditors read everything (the audit log too) and change nothing. Institution and employer
    /// staff may open the ledger, where their scope shows them no one (they reach people through their own classes
    /// and placements).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Table = new Dictionary<string, string[]>
    {
        [SignedIn] = [A, C, T, I, E, V, U],
        [PeopleRead] = [A, C, T, I, E, V, U],
        [PeopleWrite] = [A, C, T],
        [PeopleReveal] = [A, C, T],
        [PeopleExport] = [A, C, T, U],
        [PeopleAccessLog] = [A, C, U],
        // Finding one person by a full ID number or phone, or by an ID prefix that reaches into the birth date: the roles whose
        // work needs it, within their scope, audited and limited per minute (ExactSearch, ADR 0015). Not viewers; not institution
        // or employer staff, whose ledger scope is empty and who reach people through their own classes and placements.
        [PeopleSearchExact] = [A, C, T, U],
        [TrainingRead] = [A, C, I, V, U],
        [TrainingWrite] = [A, C, I],
        [TrainingCounty] = [A, C],
        [CertificatesRead] = [A, C, T, I, E, V, U],
        [CertificatesWrite] = [A, C, I],
        [CertificatesCounty] = [A, C],
        [SubsidiesRead] = [A, C, I, U],
        [SubsidiesWrite] = [A, C, I],
        [SubsidiesCounty] = [A, C],
        [SubsidiesFinance] = [A, C, U],
        [SubsidiesBudgets] = [A, C, V, U],
        [SubsidiesRules] = [A],
        [EmploymentRead] = [A, C, T, E, V, U],
        [EmploymentWrite] = [A, C, T],
        [EmploymentCounty] = [A, C],
        [EmploymentConfirm] = [E],
        [EmploymentOversight] = [A, C, T, V, U],
        [EmployersEdit] = [A, C, E],
        [JobOrdersWrite] = [A, C, E],
        [BrandsRead] = [A, C, V, U],
        [BrandsWrite] = [A, C],
        [EntrepreneurshipRead] = [A, C, T, V, U],
        [EntrepreneurshipWrite] = [A, C],
        [BusinessesWrite] = [A, C, T],
        // Township officers read the plan and the indicators of their own township (the figures are limited to their scope).
        [PlanningRead] = [A, C, T, V, U],
        [IndicatorsRead] = [A, C, T, V, U],
        [PlanningWrite] = [A, C],
        [DashboardRead] = [A, C, T, V, U],
        [ReportsRead] = [A, C, V, U],
        [UsersManage] = [A],
        [SettingsRead] = [A, C, U],
        [SettingsWrite] = [A],
        [AuditRead] = [A, U],
    };

    public static string[] RolesOf(string permission) =>
        Table.TryGetValue(permission, out var roles) ? roles : throw new ArgumentException($"Unknown permission '{permission}'", nameof(permission));

    public static bool Allows(string? role, string permission) => role is not null && RolesOf(permission).Contains(role);

    /// <summary>Whether the signed-in user holds the permission (for buttons and handlers' in-memory checks).</summary>
    public static bool Has(this CurrentUser user, string permission) => user.IsAuthenticated && RolesOf(permission).Any(user.IsInRole);
}

/// <summary>Endpoint metadata naming the permission an operation needs (read by the OpenAPI document and the walk test).</summary>
public sealed record PermissionMetadata(string Permission);
