using System.Reflection;
using CountySkills.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CountySkills.Tests.Architecture;

/// <summary>
/// Each area lists its endpoints in its own map (Features/&lt;Area&gt;/&lt;Area&gt;Api.cs), called from FeatureSetup.MapApi.
/// A use-case file whose Map (or MapPages) no area map calls would silently lose its endpoints: this test runs every such
/// method on a probe and names the ones whose routes the app does not serve — add their Map call to the area's map.
/// </summary>
public sealed class RoutesTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    static readonly Assembly Web = typeof(CountySkills.Web.Features.FeatureSetup).Assembly;

    /// <summary>The method and route of an endpoint, as the app serves it ("POST /api/people/{id:long}/merge").</summary>
    static IEnumerable<string> Keys(IEnumerable<EndpointDataSource> sources) =>
        sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>().SelectMany(e =>
            (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"])
            .Select(m => $"{m} /{string.Join('/', (e.RoutePattern.RawText ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries))}"));

    sealed class Probe(IServiceProvider services) : IEndpointRouteBuilder
    {
        public IServiceProvider ServiceProvider => services;
        public ICollection<EndpointDataSource> DataSources { get; } = new List<EndpointDataSource>();
        public IApplicationBuilder CreateApplicationBuilder() => new ApplicationBuilder(services);
    }

    static IEnumerable<MethodInfo> MapMethods() => Web.GetTypes()
        .Where(t => t.Namespace?.StartsWith("CountySkills.Web.Features", StringComparison.Ordinal) == true)
        .SelectMany(t => new[]
        {
            t.GetMethod("Map", BindingFlags.Public | BindingFlags.Static, [typeof(RouteGroupBuilder)]),
            t.GetMethod("MapPages", BindingFlags.Public | BindingFlags.Static, [typeof(IEndpointRouteBuilder)]),
        })
        .OfType<MethodInfo>();

    [Fact]
    public void Every_Map_method_in_Features_is_called_by_an_area_map()
    {
        var served = Keys(app.Services.GetRequiredService<IEnumerable<EndpointDataSource>>()).ToHashSet();
        var missing = new List<string>();
        var methods = MapMethods().ToList();
        Assert.True(methods.Count > 50, $"found only {methods.Count} Map methods: is the scan still right?");
        foreach (var map in methods)
        {
            using var scope = app.Services.CreateScope();
            var probe = new Probe(app.Services);
            if (map.Name == "Map") map.Invoke(null, [probe.MapGroup("/api")]);
            else map.Invoke(null, [probe]);
            var routes = Keys(probe.DataSources).ToList();
            Assert.True(routes.Count > 0, $"{map.DeclaringType!.FullName}.{map.Name} maps nothing");
            var lost = routes.Where(r => !served.Contains(r)).ToList();
            if (lost.Count > 0)
                missing.Add($"{map.DeclaringType!.FullName}.{map.Name} (not served: {string.Join(", ", lost)})");
        }
        Assert.True(missing.Count == 0,
            "These Map methods are called by no area map; add them to Features/<Area>/<Area>Api.cs:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Every_api_endpoint_carries_its_area_tag()
    {
        var untagged = app.Services.GetRequiredService<IEnumerable<EndpointDataSource>>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/", StringComparison.Ordinal) == true)
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.ITagsMetadata>() is not { Tags.Count: > 0 })
            .Select(e => e.DisplayName).ToList();
        Assert.True(untagged.Count == 0, "API endpoints without an area tag:\n" + string.Join("\n", untagged));
    }
}
