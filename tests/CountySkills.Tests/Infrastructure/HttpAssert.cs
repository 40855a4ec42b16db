using System.Net;
using System.Text.Json;

namespace CountySkills.Tests.Infrastructure;

public static class HttpAssert
{
    /// <summary>The response is ProblemDetails with the status, a Chinese title, and no stack trace or exception text.</summary>
    public static async Task<JsonElement> Problem(HttpResponseMessage r, HttpStatusCode status)
    {
        var body = await r.Content.ReadAsStringAsync();
        Assert.True(status == r.StatusCode, $"expected {(int)status} but got {(int)r.StatusCode}: {body}");
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, json.GetProperty("status").GetInt32());
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", json.GetProperty("title").GetString());
        Assert.DoesNotContain("   at ", body);
        Assert.DoesNotContain("Exception", body);
        return json;
    }

    public static async Task<JsonElement> Json(HttpResponseMessage r, HttpStatusCode status = HttpStatusCode.OK)
    {
        var body = await r.Content.ReadAsStringAsync();
        Assert.True(status == r.StatusCode, $"expected {(int)status} but got {(int)r.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }
}
