using System.Text.Json;
using System.Text.Json.Nodes;
using CountySkills.Web.Components.Shared;

namespace CountySkills.Web.Features.Dashboard;

/// <summary>The screen's charts: the dashboard's options, transparent over the dark panels, with text sized for a room
/// (titles 26 px, labels 18 px on the 1920x1080 stage). The builders have no font sizes per part, so the option is adjusted as JSON.</summary>
public static class ScreenCharts
{
    public static JsonObject Of(ChartOption option)
    {
        option.Transparent();
        var o = JsonSerializer.SerializeToNode(option, ChartOption.JsonOptions)!.AsObject();
        o["textStyle"] = new JsonObject { ["fontFamily"] = ChartOption.FontFamily, ["fontSize"] = 18 };
        if (o["title"] is JsonObject title)
        {
            title["textStyle"] = new JsonObject { ["fontSize"] = 26, ["color"] = "#e6f1ff" };
            title["subtextStyle"] = new JsonObject { ["fontSize"] = 16, ["color"] = "#9fc3ff" };
        }
        if (o["grid"] is JsonObject grid && grid["top"] is JsonValue top && top.TryGetValue(out int t)) grid["top"] = t + 20;
        foreach (var name in new[] { "xAxis", "yAxis" })
            if (o[name] is JsonObject axis)
            {
                var label = axis["axisLabel"] as JsonObject ?? [];
                label["fontSize"] = 18;
                label["color"] = "#bcd6ff";
                axis["axisLabel"] = label;
                axis["nameTextStyle"] = new JsonObject { ["fontSize"] = 16, ["color"] = "#9fc3ff" };
            }
        if (o["legend"] is JsonObject legend) legend["textStyle"] = new JsonObject { ["fontSize"] = 18, ["color"] = "#d5e6ff" };
        if (o["series"] is JsonArray series)
            foreach (var s in series.OfType<JsonObject>())
            {
                if (s["label"] is JsonObject l) { l["fontSize"] = 18; l["color"] = "#e6f1ff"; }
                if (s["type"]?.GetValue<string>() == "bar") s["barMaxWidth"] = 28;
            }
        return o;
    }
}
