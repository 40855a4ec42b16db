using CountySkills.Web.Features.Admin;
using CountySkills.Web.Features.Auth;
using CountySkills.Web.Features.Brands;
using CountySkills.Web.Features.Certificates;
using CountySkills.Web.Features.Dashboard;
using CountySkills.Web.Features.Employment;
using CountySkills.Web.Features.Entrepreneurship;
using CountySkills.Web.Features.Indicators;
using CountySkills.Web.Features.Notifications;
using CountySkills.Web.Features.Ops;
using CountySkills.Web.Features.People;
using CountySkills.Web.Features.Planning;
using CountySkills.Web.Features.Regions;
using CountySkills.Web.Features.Reports;
using CountySkills.Web.Features.Subsidies;
using CountySkills.Web.Features.Training;
using CountySkills.Web.Infrastructure.Auth;
using FluentValidation;

namespace CountySkills.Web.Features;

public static class FeatureSetup
{
    /// <summary>Registers every use case's Handler (scoped) and every validator of the assembly.</summary>
    public static IServiceCollection AddFeatures(this IServiceCollection services)
    {
        foreach (var t in typeof(FeatureSetup).Assembly.GetTypes()
                     .Where(t => t is { IsClass: true, IsAbstract: false, IsNested: true, Name: "Handler" }))
            services.AddScoped(t);
        services.AddValidatorsFromAssembly(typeof(FeatureSetup).Assembly, ServiceLifetime.Singleton);
        services.AddScoped<Admin.Settings.CurrentSettings>();
        services.AddSingleton<ExactSearchThrottle>();
        services.AddSingleton<People.LedgerCounts>();
        services.AddScoped<People.ExactSearch.Gate>();
        services.AddScoped<Data.Demo.DemoSeeder>();
        return services;
    }

    /// <summary>Every API endpoint lives under /api and needs a signed-in user unless it says otherwise. Each area lists its
    /// endpoints in its own map (Features/&lt;Area&gt;/&lt;Area&gt;Api.cs); this is the one list of areas, then the public pages.</summary>
    public static void MapApi(this WebApplication app)
    {
        app.MapHealth();
        var api = app.MapGroup("/api").RequireAuthorization();
        api.RequirePermissions();
        api.MapAuth();
        api.MapPeople();
        api.MapTraining();
        api.MapCertificates();
        api.MapSubsidies();
        api.MapEmployment();
        api.MapBrands();
        api.MapEntrepreneurship();
        api.MapPlanning();
        api.MapIndicators();
        api.MapDashboard();
        api.MapReports();
        api.MapAdmin();
        api.MapRegions();
        api.MapNotifications();

        app.MapAuthPages();
        app.MapCertificatePages();
        app.MapSubsidyPages();
        app.MapBrandPages();
    }
}
