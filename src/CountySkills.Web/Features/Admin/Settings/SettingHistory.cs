using System.Text.Json;

namespace CountySkills.Web.Features.Admin.Settings;

/// <summary>
/// GET /api/admin/settings/history?key= : every change of a setting, newest first: who, when, why, and the value before and after
/// (JSON as stored; `old` is null for a setting's first version). Keys: calendar:2026 (a year), follow-up-intervals, public-base-url, exact-search-per-minute;
/// `calendar` for every year; none for all.
/// </summary>
public static class SettingHistory
{
    public const int Limit = 200;

    public sealed record Item(long Id, string Key, DateTime ChangedUtc, string ChangedBy, string Reason, long? BasedOn, JsonElement? Old, JsonElement New);

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs)
    {
        public async Task<Result<IReadOnlyList<Item>>> Handle(string? key, CancellationToken ct)
        {
            key = key?.Trim();
            if (key is { Length: > 0 } && key != "calendar" && !SettingKeys.IsKnown(key))
                return Result.Invalid("key", $"没有名为“{key}”的设置（可选：calendar、calendar:2026、{SettingKeys.FollowUpIntervals}、{SettingKeys.PublicBaseUrl}、{SettingKeys.ExactSearchPerMinute}）");
            await using var db = await dbs.CreateDbContextAsync(ct);
            var q = db.SettingVersions.AsNoTracking();
            q = key switch
            {
                null or "" => q,
                "calendar" => q.Where(s => s.Key.StartsWith(SettingKeys.CalendarPrefix)),
                _ => q.Where(s => s.Key == key),
            };
            var rows = await q.OrderByDescending(s => s.Id).Take(Limit).ToListAsync(ct);
            var before = rows.Where(r => r.BasedOnId != 0).Select(r => r.BasedOnId).ToArray();
            var known = rows.ToDictionary(r => r.Id, r => r.Value);
            var missing = before.Where(id => !known.ContainsKey(id)).ToArray();
            foreach (var r in await db.SettingVersions.AsNoTracking().Where(s => missing.Contains(s.Id)).Select(s => new { s.Id, s.Value }).ToListAsync(ct))
                known[r.Id] = r.Value;
            return Result<IReadOnlyList<Item>>.Of(rows.Select(r => new Item(r.Id, r.Key, r.ChangedUtc, r.ChangedBy, r.Reason, r.BasedOnId == 0 ? null : r.BasedOnId,
                known.TryGetValue(r.BasedOnId, out var old) ? Parse(old) : null, Parse(r.Value))).ToList());
        }

        static JsonElement Parse(string json)
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.Clone();
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/admin/settings/history", async (string? key, Handler h, CancellationToken ct) => (await h.Handle(key, ct)).ToHttp())
            .WithName("ListSettingHistory").RequirePermission(Perm.SettingsRead)
            .WithSummary("Every change of a setting (key: calendar:2026, calendar, follow-up-intervals, public-base-url, exact-search-per-minute), newest first, with old and new values");
}
