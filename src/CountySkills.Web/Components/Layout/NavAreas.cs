using CountySkills.Web.Infrastructure.Auth;
using MudBlazor;

namespace CountySkills.Web.Components.Layout;

/// <summary>The areas of the app, their routes and the roles whose menu shows them. Pages use the same role lists.</summary>
public static class NavAreas
{
    public sealed record Area(string Key, string Href, string Icon, string Roles);

    const string A = Roles.Admin, C = Roles.CountyOfficer, T = Roles.TownshipOfficer, I = Roles.InstitutionStaff,
        E = Roles.EmployerStaff, V = Roles.Viewer, U = Roles.Auditor;

    public const string People = $"{A},{C},{T},{U}";
    public const string Training = $"{A},{C},{I},{U}";
    public const string Certificates = $"{A},{C},{I},{U}";
    public const string Subsidies = $"{A},{C},{I},{U}";
    public const string Employment = $"{A},{C},{T},{E},{U}";
    public const string Brands = $"{A},{C},{U}";
    public const string Entrepreneurship = $"{A},{C},{U}";
    public const string Planning = $"{A},{C},{U}";
    public const string Dashboard = $"{A},{C},{T},{V},{U}";
    public const string Reports = $"{A},{C},{V},{U}";
    public const string Admin = $"{A},{U}";

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
