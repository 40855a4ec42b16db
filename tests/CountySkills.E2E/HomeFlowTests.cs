using Microsoft.Playwright;

namespace CountySkills.E2E;

/// <summary>The home page is each role's work list: after signing in, the role's sections with the demo's work in them, and
/// following a section opens the list where that work is done, filtered to it.</summary>
[Collection(nameof(AppServer))]
public sealed class HomeFlowTests(AppServer app)
{
    [Theory]
    [InlineData("town01", "followups.overdue", "/employment", "[data-testid=followups-table]")]
    [InlineData("school01", "sessions.today", "/training/classes", "[data-testid=classes-table]")]
    [InlineData("employer01", "followups.confirm", "/employment", "[data-testid=followups-table]")]
    [InlineData("county", "classes.submitted", "/training/classes", "[data-testid=classes-table]")]
    [InlineData("viewer", "targets", "/dashboard", "[data-testid=dashboard-bar]")]
    [InlineData("auditor", "audit.recent", "/admin/audit", "[data-testid=audit-table]")]
    [InlineData("admin", "accounts.locked", "/admin/users", "[data-testid=users-table]")]
    public async Task Each_role_signs_in_to_its_work_list_and_a_section_opens_the_list_it_names(string user, string key, string path, string list)
    {
        // Another browser test locks employer01 out on purpose (five wrong passwords): the administrator unlocks it first.
        if (user == "employer01") await Unlock(user);
        var page = await app.SignedIn(user);
        var sections = page.Locator("[data-testid=home-work] [data-testid=home-section]");
        Assert.True(await sections.CountAsync() > 0, $"{user}: no work list");
        var section = page.Locator($"[data-testid=home-section][data-key='{key}']");
        var count = int.Parse((await section.GetAttributeAsync("data-count"))!);
        if (user == "admin" && count == 0)
        {
            // The demo's accounts are in order (unless another test locked one): the section says so in words.
            Assert.Equal("今天没有待办", (await section.Locator("[data-testid=home-section-empty]").InnerTextAsync()).Trim());
        }
        else
        {
            Assert.True(count > 0, $"{user}: {key} is empty");
            Assert.True(await section.Locator("[data-testid=home-item]").CountAsync() > 0, $"{user}: {key} lists nothing");
        }
        // Names and places are data, marked as such; the section's heading is chrome.
        if (key != "targets" && count > 0) Assert.True(await section.Locator("[data-cell]").CountAsync() > 0);

        await section.Locator("[data-testid=home-section-link]").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == path);
        await AppServer.WaitInteractive(page);
        await page.WaitForSelectorAsync(list);
        switch (user)
        {
            case "town01":
                // The follow-up list opens on the overdue ones: its count is the home's, and the menu shows the open ones.
                await page.WaitForFunctionAsync($"() => document.querySelector('[data-testid=followups-overdue]').innerText.replace(/\\D/g, '') === '{count}'");
                Assert.Equal(count, await page.Locator("[data-testid=followup-state][data-state=Overdue]").CountAsync());
                Assert.True(int.Parse(await page.InnerTextAsync("[data-testid=nav-followups]")) >= count);
                break;
            case "school01" or "county":
                // The class list opens filtered: as many rows as the home counted.
                await page.WaitForFunctionAsync($"() => document.querySelectorAll('[data-testid=class-row-name]').length === {count}");
                break;
        }
        await page.Context.CloseAsync();
    }

    /// <summary>Unlocks an account through the administrator's API and waits until its sign-in is no longer throttled (a sliding minute).</summary>
    async Task Unlock(string userName)
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        async Task<HttpResponseMessage> Login(string u, string p) =>
            await http.PostAsync("/api/auth/login", new StringContent($"{{\"userName\":\"{u}\",\"password\":\"{p}\"}}", System.Text.Encoding.UTF8, "application/json"));
        var token = System.Text.Json.JsonDocument.Parse(await (await Login("admin", "Demo#2026")).Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var users = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync($"/api/admin/users?q={userName}")).RootElement.GetProperty("items");
        var id = users.EnumerateArray().Single(u => u.GetProperty("userName").GetString() == userName).GetProperty("id").GetString();
        await http.PostAsync($"/api/admin/users/{id}/unlock", new StringContent("{\"reason\":\"浏览器测试\"}", System.Text.Encoding.UTF8, "application/json"));
        http.DefaultRequestHeaders.Authorization = null;
        for (var i = 0; i < 20 && !(await Login(userName, "Demo#2026")).IsSuccessStatusCode; i++) await Task.Delay(5000);
    }

    [Fact]
    public async Task The_home_speaks_english_too()
    {
        var page = await app.SignedIn("town01");
        await page.GotoAsync("/culture?c=en-US&r=/");
        await page.WaitForSelectorAsync("[data-testid=home-work]");
        await AppServer.WaitInteractive(page);
        var heading = await page.InnerTextAsync("[data-testid=home-section][data-key='followups.overdue']");
        Assert.Contains("Follow-ups overdue", heading);
        await page.GotoAsync("/culture?c=zh-CN&r=/");
        await page.Context.CloseAsync();
    }
}
