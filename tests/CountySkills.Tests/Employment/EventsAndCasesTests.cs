using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CountySkills.Tests.Infrastructure;
using static CountySkills.Tests.Employment.EmploymentKit;
using static CountySkills.Tests.Training.TrainingKit;

namespace CountySkills.Tests.Employment;

/// <summary>Send-off ceremonies and job fairs, and typical cases with photos.</summary>
public abstract class EmploymentEventsAndCasesTests(ClockedApp app)
{
    [Fact]
    public async Task The_county_records_a_job_fair_with_what_was_offered_and_signed_and_a_township_officer_reads_but_cannot_add()
    {
        var county = await app.ClientFor("county");
        var body = new { title = "秋季返乡人员专场招聘会", kind = "招聘会", date = "2026-10-08", place = "县文化广场", participants = 800, employersPresent = "京禾家政等 20 家",
            jobsOffered = 640, peopleSigned = 95 };
        var fair = await HttpAssert.Json(await county.PostAsJsonAsync("/api/employment/events", body), HttpStatusCode.Created);
        Assert.Equal("JobFair", fair.GetProperty("kind").GetString());
        Assert.Equal(95, fair.GetProperty("peopleSigned").GetInt32());
        var bad = await HttpAssert.Problem(await county.PostAsJsonAsync("/api/employment/events", body with { peopleSigned = 5000 }), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("peopleSigned", out _), bad.ToString());

        var town = await app.ClientFor("town01");
        await HttpAssert.Problem(await town.PostAsJsonAsync("/api/employment/events", body), HttpStatusCode.Forbidden);
        var list = await HttpAssert.Json(await town.GetAsync("/api/employment/events?year=2026"));
        Assert.Contains(list.EnumerateArray(), e => e.GetProperty("title").GetString() == "秋季返乡人员专场招聘会");
        var stale = await county.PutAsJsonAsync($"/api/employment/events/{fair.GetProperty("id").GetInt64()}",
            new { body.title, body.kind, body.date, body.place, body.participants, body.employersPresent, body.jobsOffered, body.peopleSigned, version = Guid.NewGuid() });
        await HttpAssert.Problem(stale, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_typical_case_keeps_its_story_and_photos_checked_by_content_and_shows_on_the_persons_timeline()
    {
        var county = await app.ClientFor("county");
        var (personId, _) = await NewPerson(county, "案例人物");
        var created = await HttpAssert.Json(await county.PostAsJsonAsync("/api/employment/cases",
            new { personId, title = "返乡创业带富乡亲", story = "培训后开办艾灸馆，带动 6 名姐妹就业。" }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt64();

        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1];
        async Task<HttpResponseMessage> Upload(byte[] bytes, string name, string type)
        {
            using var form = new MultipartFormDataContent();
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue(type);
            form.Add(content, "file", name);
            return await county.PostAsync($"/api/employment/cases/{id}/photos", form);
        }
        var photo = await HttpAssert.Json(await Upload(png, "合影.png", "image/png"), HttpStatusCode.Created);
        var fake = await HttpAssert.Problem(await Upload("not an image"u8.ToArray(), "伪装.jpg", "image/jpeg"), HttpStatusCode.BadRequest);
        Assert.Contains("JPEG", fake.ToString());

        var get = await county.GetAsync($"/api/employment/cases/{id}/photos/{photo.GetProperty("id").GetInt64()}");
        Assert.Equal("image/png", get.Content.Headers.ContentType!.MediaType);
        Assert.Equal(png, await get.Content.ReadAsByteArrayAsync());
        var listed = Assert.Single((await HttpAssert.Json(await county.GetAsync("/api/employment/cases"))).EnumerateArray(), c => c.GetProperty("id").GetInt64() == id);
        Assert.Equal(1, listed.GetProperty("photos").GetArrayLength());
        Assert.Contains("返乡创业带富乡亲", (await HttpAssert.Json(await county.GetAsync($"/api/people/{personId}/timeline"))).ToString());
        await HttpAssert.Problem(await (await app.ClientFor("town01")).PostAsJsonAsync("/api/employment/cases", new { personId, title = "x", story = "y" }), HttpStatusCode.Forbidden);
    }
}

public sealed class EmploymentEventsAndCasesTests_Sqlite(ClockedSqliteApp app) : EmploymentEventsAndCasesTests(app), IClassFixture<ClockedSqliteApp>;
public sealed class EmploymentEventsAndCasesTests_Postgres(ClockedPostgresApp app) : EmploymentEventsAndCasesTests(app), IClassFixture<ClockedPostgresApp>;
