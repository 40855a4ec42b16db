using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CountySkills.Tests.Infrastructure;
using static CountySkills.Tests.Brands.BrandKit;
using static CountySkills.Tests.Employment.EmploymentKit;
using static CountySkills.Tests.Training.TrainingKit;

namespace CountySkills.Tests.Brands;

/// <summary>The star scheme follows the category: GB/T 31771's domestic-work scheme is for 家政 brands only (brand.domestic_scheme_not_domestic),
/// whether asked for as a template, given step by step, or kept while the category changes; other brands get the general scheme.</summary>
public abstract class StarSchemeCategoryTests(ClockedApp app)
{
    static readonly object[] DomesticSteps =
    [
        new { level = "One", months = 0, certificates = new[] { new { occupationCode = "4-10-01-06", level = 5 } } },
        new { level = "Two", months = 6, certificates = new[] { new { occupationCode = "4-10-01-06", level = 5 } } },
        new { level = "Three", months = 12, certificates = new[] { new { occupationCode = "4-10-01-06", level = 4 } } },
        new { level = "Four", months = 24, certificates = new[] { new { occupationCode = "4-10-01-06", level = 4 }, new { occupationCode = "4-10-01-02", level = 5 } } },
        new { level = "Five", months = 36, certificates = new[] { new { occupationCode = "4-10-01-06", level = 3 }, new { occupationCode = "4-10-01-02", level = 4 } } },
        new { level = "Gold", months = 48, certificates = new[] { new { occupationCode = "4-10-01-06", level = 3 }, new { occupationCode = "4-10-01-02", level = 3 }, new { occupationCode = "4-03-02-05", level = 4 } } },
    ];

    static System.Text.Json.Nodes.JsonNode Body(string category, string? template = null, object? steps = null, Guid? version = null, string? name = null)
    {
        var body = JsonSerializer.SerializeToNode(BrandBody(name ?? UniqueName(), version, starScheme: steps, category: category))!;
        if (template is not null) body["schemeTemplate"] = template;
        return body;
    }

    [Fact]
    public async Task A_brand_outside_domestic_work_is_refused_the_domestic_scheme_and_gets_the_general_one()
    {
        var county = await app.ClientFor("county");
        var p = await Refused(await county.PostAsJsonAsync("/api/brands", Body("艾灸", template: "DomesticWork")), HttpStatusCode.BadRequest, "brand.domestic_scheme_not_domestic");
        Assert.True(p.GetProperty("errors").TryGetProperty("schemeTemplate", out _), p.ToString());
        p = await Refused(await county.PostAsJsonAsync("/api/brands", Body("康养/足疗", steps: DomesticSteps)), HttpStatusCode.BadRequest, "brand.domestic_scheme_not_domestic");
        Assert.True(p.GetProperty("errors").TryGetProperty("starScheme", out _), p.ToString());

        var general = await HttpAssert.Json(await county.PostAsJsonAsync("/api/brands", Body("艾灸")), HttpStatusCode.Created);
        Assert.Equal("General", Str(general, "schemeTemplate"));
        Assert.All(general.GetProperty("starScheme").EnumerateArray(), s => Assert.Equal(0, s.GetProperty("certificates").GetArrayLength()));

        var domestic = await HttpAssert.Json(await county.PostAsJsonAsync("/api/brands", Body("家政", template: "DomesticWork")), HttpStatusCode.Created);
        Assert.Equal("DomesticWork", Str(domestic, "schemeTemplate"));
        Assert.Equal("DomesticWork", Str(await HttpAssert.Json(await county.PostAsJsonAsync("/api/brands", Body("家政", steps: DomesticSteps)), HttpStatusCode.Created), "schemeTemplate"));
    }

    [Fact]
    public async Task A_domestic_brand_that_changes_category_must_leave_the_domestic_scheme()
    {
        var county = await app.ClientFor("county");
        var name = UniqueName();
        var b = await HttpAssert.Json(await county.PostAsJsonAsync("/api/brands", Body("家政", name: name)), HttpStatusCode.Created);
        Assert.Equal("DomesticWork", Str(b, "schemeTemplate"));

        var p = await Refused(await county.PutAsJsonAsync($"/api/brands/{IdOf(b)}", Body("建筑", version: VersionOf(b), name: name)), HttpStatusCode.BadRequest,
            "brand.domestic_scheme_not_domestic");
        Assert.True(p.GetProperty("errors").TryGetProperty("starScheme", out _), p.ToString());
        Assert.Equal("家政", Str(await GetBrand(county, IdOf(b)), "category"));

        var moved = await HttpAssert.Json(await county.PutAsJsonAsync($"/api/brands/{IdOf(b)}", Body("建筑", template: "General", version: VersionOf(b), name: name)));
        Assert.Equal(("建筑", "General"), (Str(moved, "category"), Str(moved, "schemeTemplate")));
    }
}

public sealed class StarSchemeCategoryTests_Sqlite(ClockedSqliteApp app) : StarSchemeCategoryTests(app), IClassFixture<ClockedSqliteApp>;
public sealed class StarSchemeCategoryTests_Postgres(ClockedPostgresApp app) : StarSchemeCategoryTests(app), IClassFixture<ClockedPostgresApp>;
