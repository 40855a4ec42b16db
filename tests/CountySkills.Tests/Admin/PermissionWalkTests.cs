using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CountySkills.Tests.Infrastructure;
using CountySkills.Web.Components.Layout;
using CountySkills.Web.Infrastructure.Auth;

namespace CountySkills.Tests.Admin;

/// <summary>
/// One permission table: every /api operation of the OpenAPI document names its permission, and for every role the
/// answer is a 403 (permission.denied) exactly when the table says the role lacks it. The menu and the pages read
/// the same table.
/// </summary>
public abstract class PermissionWalkTests(AppFactory app)
{
    static readonly Dictionary<string, string> DemoAccount = new()
    {
        [Roles.Admin] = "admin", [Roles.CountyOfficer] = "county", [Roles.TownshipOfficer] = "town01", [Roles.InstitutionStaff] = "school01",
        [Roles.EmployerStaff] = "employer01", [Roles.Viewer] = "viewer", [Roles.Auditor] = "auditor",
    };

    [Fact]
    public async Task Every_operation_answers_403_exactly_when_the_table_refuses_the_role()
    {
        var doc = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;
        var clients = new Dictionary<string, HttpClient>();
        foreach (var (role, user) in DemoAccount) clients[role] = await app.ClientFor(user);

        var operations = 0;
        var mismatches = new List<string>();
        var unnamed = new List<string>();
        foreach (var path in doc.GetProperty("paths").EnumerateObject())
        {
            if (!path.Name.StartsWith("/api/")) continue;
            foreach (var op in path.Value.EnumerateObject())
            {
                var method = op.Name.ToUpperInvariant();
                if (method is not ("GET" or "POST" or "PUT" or "DELETE" or "PATCH")) continue;
                if (!op.Value.TryGetProperty("x-permission", out var perm))
                {
                    if (!path.Name.StartsWith("/api/public/") && path.Name != "/api/auth/login") unnamed.Add($"{method} {path.Name}");
                    continue;
                }
                operations++;
                var allowed = Perm.RolesOf(perm.GetString()!);
                var url = Regex.Replace(path.Name, @"\{[^}]+\}", "987654321");
                foreach (var (role, client) in clients)
                {
                    using var request = new HttpRequestMessage(new HttpMethod(method), url);
                    // The body the operation declares: a multipart form for uploads, else an empty JSON object.
                    var multipart = op.Value.TryGetProperty("requestBody", out var rb) && rb.TryGetProperty("content", out var ct)
                        && ct.EnumerateObject().Any(c => c.Name == "multipart/form-data");
                    if (multipart) request.Content = new MultipartFormDataContent { { new StringContent("dryRun"), "mode" } };
                    else if (method is "POST" or "PUT" or "PATCH") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                    using var r = await client.SendAsync(request);
                    var body = await r.Content.ReadAsStringAsync();
                    var denied = r.StatusCode == HttpStatusCode.Forbidden && body.Contains("\"permission.denied\"");
                    if (denied == allowed.Contains(role))
                        mismatches.Add($"{method} {path.Name} as {role}: {(int)r.StatusCode} ({perm.GetString()}) {body[..Math.Min(body.Length, 160)]}");
                }
            }
        }
        Assert.True(operations > 120, $"only {operations} operations walked");
        Assert.Empty(unnamed);
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public void The_menu_reads_the_table_and_every_area_page_requires_what_its_menu_entry_needs()
    {
        var pages = typeof(NavAreas).Assembly.GetTypes()
            .Select(t => (Route: t.GetCustomAttributes(typeof(Microsoft.AspNetCore.Components.RouteAttribute), false).Cast<Microsoft.AspNetCore.Components.RouteAttribute>().FirstOrDefault()?.Template,
                Policy: t.GetCustomAttributes(typeof(Microsoft.AspNetCore.Authorization.AuthorizeAttribute), true).Cast<Microsoft.AspNetCore.Authorization.AuthorizeAttribute>().OrderBy(a => a.Policy is null && a.Roles is null).FirstOrDefault()))
            .Where(p => p.Route is not null).ToList();
        foreach (var area in NavAreas.All)
        {
            Assert.True(Perm.Table.ContainsKey(area.Permission), area.Key);
            var page = pages.Single(p => p.Route == area.Href);
            Assert.Equal(area.Permission, page.Policy?.Policy);
        }
        // No page names roles of its own: each names a permission of the table (or only needs a signed-in user).
        Assert.All(pages.Where(p => p.Policy is not null), p => Assert.True(p.Policy!.Roles is null, $"{p.Route} names roles"));
        Assert.All(pages.Where(p => p.Policy?.Policy is not null), p => Assert.True(Perm.Table.ContainsKey(p.Policy!.Policy!), p.Route));
    }

    [Fact]
    public async Task The_viewer_reads_masked_lists_but_exports_no_person_level_file()
    {
        var viewer = await app.ClientFor("viewer");
        var list = await HttpAssert.Json(await viewer.GetAsync("/api/people?pageSize=5"));
        Assert.True(list.GetProperty("total").GetInt32() > 0);
        Assert.All(list.GetProperty("items").EnumerateArray(), p => Assert.Contains("*", p.GetProperty("idNumber").GetString()));
        var export = await HttpAssert.Problem(await viewer.GetAsync("/api/people/export"), HttpStatusCode.Forbidden);
        Assert.Equal("permission.denied", export.GetProperty("code").GetString());
        await HttpAssert.Problem(await viewer.GetAsync("/api/subsidies/payment-batches/1/export"), HttpStatusCode.Forbidden);
        await HttpAssert.Problem(await viewer.PostAsync("/api/people/1/reveal", null), HttpStatusCode.Forbidden);
    }
}

public sealed class PermissionWalkTests_Sqlite(SqliteApp app) : PermissionWalkTests(app), IClassFixture<SqliteApp>;
public sealed class PermissionWalkTests_Postgres(PostgresApp app) : PermissionWalkTests(app), IClassFixture<PostgresApp>;
