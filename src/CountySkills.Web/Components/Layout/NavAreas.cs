using CountySkills.Web.Infrastructure.Auth;
using MudBlazor;

namespace CountySkills.Web.Components.Layout;

/// <summary>The areas of the app, their routes and the permission (of the one table, <see cref="Perm"/>) that shows them in the menu; pages require the same.</summary>
public static class NavAreas
{
    public sealed record Area(string Key, string Href, string Icon, string Permission);

    public const string People = Perm.PeopleRead;
    public const string Training = Perm.TrainingRead;
    public const string Certificates = Perm.CertificatesRead;
    public const string Subsidies = Perm.SubsidiesRead;
    public const string Employment = Perm.EmploymentRead;
    public const string Brands = Perm.BrandsRead;
    public const string Entrepreneurship = Perm.EntrepreneurshipRead;
    public const string Planning = Perm.PlanningRead;
    public const string Dashboard = Perm.DashboardRead;
    public const string Reports = Perm.ReportsRead;
    public const string Admin = Perm.SettingsRead;

    public static readonly Area[] All =
    [
        new("People", "/people", Icons.Material.Filled.People, People),
        new("Training", "/training", Icons.Material.Filled.School, Training),
        new("Certificates", "/certificates", Icons.Material.Filled.WorkspacePremium, Certificates),
        new("Subsidies", "/subsidies", Icons.Material.Filled.Payments, Subsidies),
        new("Employment", "/employment", Icons.Material.Filled.Work, Employment),
        new("Brands", "/brands", Icons.Material.Filled.Stars, Brands),
        new("Entrepreneurship", "/entrepreneurship", Icons.Material.Filled.Storefront, Entrepreneurship),
        new("Planning", "/planning", Icons.Material.Filled.Flag, Planning),
        new("Dashboard", "/dashboard", Icons.Material.Filled.Insights, Dashboard),
        new("Reports", "/reports", Icons.Material.Filled.Description, Reports),
        new("Admin", "/admin", Icons.Material.Filled.AdminPanelSettings, Admin),
    ];
}
