using System.Reflection;
using CountySkills.Web.Features.Ops;
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
        services.AddScoped<People.ExactSearch.Gate>();
        services.AddScoped<Data.Demo.DemoSeeder>();
        return services;
    }

    /// <summary>Every API endpoint lives under /api and needs a signed-in user unless it says otherwise.</summary>
    public static void MapApi(this WebApplication app)
    {
        app.MapHealth();
        var api = app.MapGroup("/api").RequireAuthorization();
        api.RequirePermissions();
        foreach (var map in typeof(FeatureSetup).Assembly.GetTypes()
                     .Where(t => t is { IsAbstract: true, IsSealed: true } && t.Namespace?.StartsWith("CountySkills.Web.Features") == true)
                     .Select(t => t.GetMethod("Map", BindingFlags.Public | BindingFlags.Static, [typeof(RouteGroupBuilder)]))
                     .OfType<MethodInfo>())
            map.Invoke(null, [api]);
    }
}
