using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CountySkills.Tests.Infrastructure;
using CountySkills.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CountySkills.Tests.People;

/// <summary>
/// An assessor's walk: every GET operation of the OpenAPI document, called by each demo account over the demo data (path
/// parameters filled with ids the same account's lists return), must answer nothing that holds a person's full ID number,
/// phone or birth date — JSON or xlsx alike. Revealing goes through POST …/reveal, which is not a GET.
/// </summary>
public abstract class PersonalDataWalkTests(AppFactory app)
{
    static readonly string[] Accounts = ["school01", "employer01", "viewer", "auditor", "town01", "county", "admin"];

    sealed record Secrets(HashSet<string> Ids, HashSet<string> Phones, HashSet<string> BirthDates);

    async Task<Secrets> LedgerSecrets()
    {
        await using var scope = app.Scope();
        var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var people = await db.People.AsNoTracking().Select(p => new { p.IdNumber, p.Phone, p.BirthDate }).ToListAsync();
        return new(people.Select(p => p.IdNumber).ToHashSet(), people.Where(p => p.Phone != null).Select(p => p.Phone!).ToHashSet(),
            // Dates before 2010 cannot be a class, placement or certificate date of the demo data: only a birth date.
            people.Where(p => p.BirthDate.Year < 2010).Select(p => p.BirthDate.ToString("yyyy-MM-dd")).ToHashSet());
    }

    [Fact]
    public async Task No_GET_answers_a_full_id_number_phone_or_birth_date_to_any_role()
    {
        var secrets = await LedgerSecrets();
        Assert.True(secrets.Ids.Count > 100 && secrets.Phones.Count > 50);
        var doc = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;
        var gets = doc.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/") && p.Value.TryGetProperty("get", out _)).Select(p => p.Name).ToList();
        var leaks = new List<string>();
        var calls = 0;
        var withData = 0;
        foreach (var account in Accounts)
        {
            var client = await app.ClientFor(account);
            // Lists first: their ids fill the path parameters of the operations below them.
            var idsUnder = new Dictionary<string, List<string>>();
            foreach (var path in gets.Where(p => !p.Contains('{')))
            {
                var (body, _) = await Call(client, path);
                calls++;
                Check(account, path, body, secrets, leaks);
                if (body is null) continue;
                var ids = IdsIn(body).Take(3).ToList();
                if (ids.Count > 0) { idsUnder[path] = ids; withData++; }
            }
            foreach (var template in gets.Where(p => p.Contains('{')))
            {
                foreach (var url in Fill(template, idsUnder, secrets).Take(3))
                {
                    var (body, _) = await Call(client, url);
                    calls++;
                    Check(account, url, body, secrets, leaks);
                }
            }
        }
        Assert.True(calls > 300, $"only {calls} calls");
        Assert.True(withData > 40, $"only {withData} lists held data: the walk saw too little");
        Assert.True(leaks.Count == 0, string.Join("\n", leaks.Distinct().Take(40)));
    }

    static async Task<(string? Text, HttpStatusCode Status)> Call(HttpClient client, string url)
    {
        using var r = await client.GetAsync(url);
        var bytes = await r.Content.ReadAsByteArrayAsync();
        if (bytes.Length > 1 && bytes[0] == (byte)'P' && bytes[1] == (byte)'K') return (XlsxText(bytes), r.StatusCode);
        return (Encoding.UTF8.GetString(bytes), r.StatusCode);
    }

    /// <summary>Every XML part of an xlsx as text (shared strings, sheets, document properties).</summary>
    static string XlsxText(byte[] bytes)
    {
        using var zip = new ZipArchive(new MemoryStream(bytes));
        var sb = new StringBuilder();
        foreach (var e in zip.Entries)
        {
            using var s = new StreamReader(e.Open());
            sb.Append(s.ReadToEnd());
        }
        return sb.ToString();
    }

    static void Check(string account, string url, string? body, Secrets secrets, List<string> leaks)
    {
        if (string.IsNullOrEmpty(body)) return;
        foreach (Match m in Regex.Matches(body, @"(?<![0-9])\d{17}[\dX](?![0-9])"))
            if (secrets.Ids.Contains(m.Value)) leaks.Add($"{account} GET {url}: full ID number {m.Value[..4]}… in “{Around(body, m.Index)}”");
        foreach (Match m in Regex.Matches(body, @"(?<![0-9])1\d{10}(?![0-9])"))
            if (secrets.Phones.Contains(m.Value)) leaks.Add($"{account} GET {url}: full phone {m.Value[..3]}…");
        foreach (Match m in Regex.Matches(body, @"(?<![0-9])(19|20)\d{2}-\d{2}-\d{2}(?![0-9])"))
            if (secrets.BirthDates.Contains(m.Value)) leaks.Add($"{account} GET {url}: a birth date {m.Value}");
        if (Regex.IsMatch(body, "\"birthDate\"\\s*:\\s*\"\\d{4}-\\d{2}-\\d{2}", RegexOptions.IgnoreCase))
            leaks.Add($"{account} GET {url}: a birthDate field");
    }

    /// <summary>What surrounds a leak, with its digits masked, so the failure says where it is without repeating it.</summary>
    static string Around(string body, int at)
    {
        var start = Math.Max(0, at - 60);
        return Regex.Replace(body.Substring(start, Math.Min(body.Length - start, 120)), @"\d{6,}", "#");
    }

    /// <summary>The "id" values of a JSON answer (items of a page, or an array).</summary>
    static IEnumerable<string> IdsIn(string body)
    {
        JsonElement root;
        try { root = JsonDocument.Parse(body).RootElement; } catch (JsonException) { yield break; }
        var items = root.ValueKind == JsonValueKind.Array ? root
            : root.ValueKind == JsonValueKind.Object && root.TryGetProperty("items", out var i) && i.ValueKind == JsonValueKind.Array ? i : default;
        if (items.ValueKind != JsonValueKind.Array) yield break;
        foreach (var item in items.EnumerateArray())
            if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("id", out var id) && id.ValueKind is JsonValueKind.Number or JsonValueKind.String)
                yield return id.ToString();
    }

    /// <summary>URLs for a template: its first parameter from the ids of the nearest list above it (else small ids), an ID
    /// number parameter from the ledger, the rest 1.</summary>
    static IEnumerable<string> Fill(string template, Dictionary<string, List<string>> idsUnder, Secrets secrets)
    {
        var first = Regex.Match(template, @"\{([^}]+)\}");
        var prefix = template[..first.Index].TrimEnd('/');
        var name = first.Groups[1].Value.Split(':')[0];
        IEnumerable<string> candidates = name.Contains("idNumber", StringComparison.OrdinalIgnoreCase) ? secrets.Ids.Take(3)
            : idsUnder.TryGetValue(prefix, out var ids) ? ids : ["1", "2", "3"];
        foreach (var c in candidates)
            yield return Regex.Replace(template[..first.Index] + Uri.EscapeDataString(c) + template[(first.Index + first.Length)..], @"\{[^}]+\}", "1");
    }
}

public sealed class PersonalDataWalkTests_Sqlite(SqliteApp app) : PersonalDataWalkTests(app), IClassFixture<SqliteApp>;
public sealed class PersonalDataWalkTests_Postgres(PostgresApp app) : PersonalDataWalkTests(app), IClassFixture<PostgresApp>;
