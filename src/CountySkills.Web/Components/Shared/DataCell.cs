using System.Net;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace CountySkills.Web.Components.Shared;

/// <summary>A resource sentence with data in it ("Welcome, {0}"): the sentence is chrome, each value is data and is wrapped in
/// <c>&lt;span data-cell&gt;</c> (helper-rules: data is marked so a test can tell it from page chrome).</summary>
public static class DataCell
{
    public static MarkupString Format(IStringLocalizer l, string key, params object?[] data) =>
        new(string.Format(WebUtility.HtmlEncode(l[key].Value).Replace("{{", "{").Replace("}}", "}"),
            data.Select(d => (object)$"<span data-cell>{WebUtility.HtmlEncode(d?.ToString() ?? "")}</span>").ToArray()));

    /// <summary>A <see cref="Line"/> in the current culture: its words and nested lines as chrome, every other value as data.</summary>
    public static MarkupString Format(Line line) => new(Markup(line));

    static string Markup(Line line)
    {
        var template = WebUtility.HtmlEncode(Say.Text(line.Key)).Replace("{{", "{").Replace("}}", "}");
        return string.Format(template, line.Args.Select(a => (object)(a switch
        {
            Line l => Markup(l),
            Chrome w => WebUtility.HtmlEncode(w.Text),
            null => "",
            _ when string.IsNullOrEmpty(a.ToString()) => "",
            _ => $"<span data-cell>{WebUtility.HtmlEncode(string.Format(System.Globalization.CultureInfo.CurrentCulture, "{0}", a))}</span>",
        })).ToArray());
    }
}
