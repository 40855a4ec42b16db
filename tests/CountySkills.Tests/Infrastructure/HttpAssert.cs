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

    /// <summary>Two refusals are the same answer: status, and the whole ProblemDetails body but its traceId (an existence oracle
    /// would differ in any of them).</summary>
    public static async Task<JsonElement> SameAnswer(HttpResponseMessage expected, HttpResponseMessage actual)
    {
        var (a, b) = (await expected.Content.ReadAsStringAsync(), await actual.Content.ReadAsStringAsync());
        Assert.True(expected.StatusCode == actual.StatusCode, $"expected {(int)expected.StatusCode} but got {(int)actual.StatusCode}: {b}");
        Assert.Equal(WithoutTrace(a), WithoutTrace(b));
        return JsonDocument.Parse(b).RootElement;
    }

    static string WithoutTrace(string body)
    {
        var o = System.Text.Json.Nodes.JsonNode.Parse(body)!.AsObject();
        o.Remove("traceId");
        return o.ToJsonString();
    }

    public static async Task<JsonElement> Json(HttpResponseMessage r, HttpStatusCode status = HttpStatusCode.OK)
    {
        var body = await r.Content.ReadAsStringAsync();
        Assert.True(status == r.StatusCode, $"expected {(int)status} but got {(int)r.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }
}
