using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CountySkills.Tests.Infrastructure;

namespace CountySkills.Tests.Admin;

/// <summary>Reads and changes the system settings over HTTP, as the administrator's page does.</summary>
public static class SettingsKit
{
    public static async Task<JsonElement> Settings(HttpClient c) => await HttpAssert.Json(await c.GetAsync("/api/admin/settings"));

    /// <summary>The year of the settings' calendar, or null when it has none.</summary>
    public static JsonElement? Year(JsonElement settings, int year) =>
        settings.GetProperty("calendar").GetProperty("years").EnumerateArray().Where(y => y.GetProperty("year").GetInt32() == year).Cast<JsonElement?>().FirstOrDefault();

    public static long? BasedOn(JsonElement section) => section.GetProperty("version") is { ValueKind: JsonValueKind.Number } v ? v.GetInt64() : null;

    public static List<(string Date, string Name)> Days(JsonElement year, string list) =>
        year.GetProperty(list).EnumerateArray().Select(d => (d.GetProperty("date").GetString()!, d.GetProperty("name").GetString()!)).ToList();

    static object[] Body(IEnumerable<(string Date, string Name)> days) => days.Select(d => (object)new { date = d.Date, name = d.Name }).ToArray();

    public static Task<HttpResponseMessage> PutCalendar(HttpClient admin, int year, IEnumerable<(string, string)> holidays, IEnumerable<(string, string)> workdays,
        string? reason, long? basedOn) =>
        admin.PutAsJsonAsync($"/api/admin/settings/calendar/{year}", new { holidays = Body(holidays), workdays = Body(workdays), reason, basedOn });

    /// <summary>Adds days to a year of the calendar (keeping what it has); disposing puts the year back as it was.</summary>
    public static async Task<IAsyncDisposable> AddToCalendar(HttpClient admin, int year, (string, string)[] holidays, (string, string)[]? workdays = null,
        string reason = "测试用日历调整")
    {
        var before = Year(await Settings(admin), year);
        List<(string, string)> h = before is { } b ? Days(b, "holidays") : [], w = before is { } c ? Days(c, "workdays") : [];
        var changed = await HttpAssert.Json(await PutCalendar(admin, year, h.Concat(holidays), w.Concat(workdays ?? []), reason, before is { } x ? BasedOn(x) : null));
        return new Restore(async () =>
            await HttpAssert.Json(await PutCalendar(admin, year, h, w, "恢复测试前的日历", BasedOn(changed))));
    }

    sealed class Restore(Func<Task> undo) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await undo();
    }

    public static Task<HttpResponseMessage> PutFollowUps(HttpClient admin, int[] months, string? reason, long? basedOn) =>
        admin.PutAsJsonAsync("/api/admin/settings/follow-up-intervals", new { months, reason, basedOn });

    public static Task<HttpResponseMessage> PutPublicBaseUrl(HttpClient admin, string? url, string? reason, long? basedOn) =>
        admin.PutAsJsonAsync("/api/admin/settings/public-base-url", new { url, reason, basedOn });

    /// <summary>A 400 naming the field.</summary>
    public static async Task<JsonElement> Invalid(HttpResponseMessage r, string field)
    {
        var p = await HttpAssert.Problem(r, HttpStatusCode.BadRequest);
        Assert.True(p.GetProperty("errors").TryGetProperty(field, out _), $"no error on {field}: {p}");
        return p;
    }
}
