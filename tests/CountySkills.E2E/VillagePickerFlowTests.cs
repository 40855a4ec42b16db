namespace CountySkills.E2E;

/// <summary>Editing a person, the village is picked by name (township, then its villages), never typed as a 12-digit code.</summary>
[Collection(nameof(AppServer))]
public sealed class VillagePickerFlowTests(AppServer app)
{
    [Fact]
    public async Task Editing_a_person_picks_the_township_then_the_village_by_name_and_the_profile_shows_the_village()
    {
        var page = await app.SignedIn("county");
        await page.GotoAsync("/people");
        await AppServer.WaitInteractive(page);
        await page.Locator("[data-testid=row-name] a, [data-testid=row-name]").First.ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=person-name]");
        var id = new Uri(page.Url).Segments.Last().Trim('/');

        await page.GotoAsync($"/people/{id}/edit");
        await AppServer.WaitInteractive(page);
        await page.WaitForSelectorAsync("[data-testid=f-village]");
        await page.ClickAsync("[data-testid=f-township]");
        await page.ClickAsync(".mud-popover-open .mud-list-item >> text=柳河镇");
        await page.ClickAsync("[data-testid=f-village]");
        var option = page.Locator(".mud-popover-open .mud-list-item").Nth(1);
        var village = (await option.InnerTextAsync()).Trim();
        Assert.DoesNotMatch(@"^\d{12}$", village);
        await option.ClickAsync();
        // The fields show names, not codes.
        await page.WaitForFunctionAsync("v => document.querySelector('[data-testid=f-village]')?.value === v", village);
        Assert.Equal("柳河镇", await page.InputValueAsync("[data-testid=f-township]"));
        await page.ClickAsync("[data-testid=f-save]");
        await page.WaitForSelectorAsync("[data-testid=person-village]");
        var shown = await page.InnerTextAsync("[data-testid=person-village]");
        Assert.Contains("柳河镇", shown);
        Assert.Contains(village, shown);
        await page.Context.CloseAsync();
    }
}
