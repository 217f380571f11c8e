using System.Globalization;
using System.Text.Json;
using LandInventory.GisApi.Words;

namespace LandInventory.GisApi.Sites;

/// <summary>
/// What a site shows of each layer, in order, from <c>Words/fields.json</c> — the file the map's card reads too — with
/// each value written as the card writes it: every figure with its unit, in either language (70 years / 70 年,
/// CNY 89.4 million / 8,940 万元, 303.4 万元/亩).
/// </summary>
public static class SiteFields
{
    public sealed record Field(string Key, Bilingual Label, string Format);

    private static readonly JsonElement Catalogue = Load();

    /// <summary>The fields of a layer of sites (parcels, carriers, buildings), in the card's order.</summary>
    public static IReadOnlyList<Field> Of(string layer) => Rows(Catalogue.GetProperty(layer)).ToList();

    /// <summary>The few fields a link preview or a list line gives of a site (fields.json's headlines).</summary>
    public static IReadOnlyList<Field> Headline(string layer) =>
        Catalogue.GetProperty("headlines").GetProperty(layer).EnumerateArray().Select(k => Of(layer).First(f => f.Key == k.GetString())).ToList();

    /// <summary>The value of a field of a site's properties (its GeoJSON's), as the language writes it; "—" when absent.</summary>
    public static string Write(Field field, JsonElement p, string lang, Func<string, Bilingual?> areaName)
    {
        var value = p.TryGetProperty(field.Key, out var v) && v.ValueKind != JsonValueKind.Null ? v : (JsonElement?)null;
        var parts = field.Format.Split(':');
        string Text(string key) => p.TryGetProperty(key, out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "—";
        return (parts[0], value) switch
        {
            ("address", _) => Text(lang == "zh" ? "addressZh" : "addressEn"),
            (_, null) => "—",
            ("text" or "date", { } x) => x.ValueKind == JsonValueKind.String ? x.GetString()! : x.GetRawText(),
            ("area", { } x) => areaName(x.GetString()!)?.In(lang) ?? x.GetString()!,
            ("enum", { } x) => ValueWords.Of(x.GetString()!).In(lang),
            ("list", { } x) => string.Join(lang == "zh" ? "、" : ", ", x.EnumerateArray().Select(i => ValueWords.Of(i.GetString()!).In(lang))),
            ("landUseCode", { } x) => $"{x.GetString()} ({ValueWords.Of(Text("landUseScheme")).In(lang)})",
            ("pct", { } x) => (x.GetDouble() * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %",
            ("price", { } x) => Price(x.GetDouble(), Text("priceBasis"), lang),
            ("number", { } x) => Number(x.GetDouble(), int.Parse(parts[1], CultureInfo.InvariantCulture)),
            ("unit", { } x) => $"{Number(x.GetDouble(), int.Parse(parts[1], CultureInfo.InvariantCulture))} {Unit(parts[2], lang)}",
            ("wanYuan", { } x) => lang == "zh" ? $"{Number(x.GetDouble(), int.Parse(parts[1], CultureInfo.InvariantCulture))} 万元" : Million(x.GetDouble()),
            ("rent", { } x) => lang == "zh" ? $"{Number(x.GetDouble(), 2)} 元/m²/月"
                : $"CNY {x.GetDouble().ToString("0.00", CultureInfo.InvariantCulture)} per m² a month",
            _ => value.Value.ToString(),
        };
    }

    public static string Number(double x, int digits) =>
        x.ToString("#,##0." + new string('#', Math.Max(digits, 0)), CultureInfo.InvariantCulture).TrimEnd('.');

    /// <summary>A unit's words from the catalogue (m², 亩/mu, 年/years …).</summary>
    public static string Unit(string unit, string lang) => Catalogue.GetProperty("units").GetProperty(unit).GetProperty(lang).GetString()!;

    private static string Million(double wan) => $"CNY {(wan / 100).ToString("#,##0.###", CultureInfo.InvariantCulture)} million";

    private static string Price(double x, string basis, string lang) => lang == "zh"
        ? $"{Number(x, 2)} {basis switch { "wanYuanPerMu" => "万元/亩", "yuanPerSqmFloorArea" => "元/m²（楼面价）", "wanYuanTotal" => "万元（总价）", _ => "" }}".TrimEnd()
        : basis switch
        {
            "wanYuanPerMu" => $"{Million(x)} per mu",
            "yuanPerSqmFloorArea" => $"CNY {Number(x, 0)} per m² of floor area",
            "wanYuanTotal" => $"{Million(x)} in total",
            _ => Number(x, 2),
        };

    private static IEnumerable<Field> Rows(JsonElement list) => list.EnumerateArray().SelectMany(entry => entry.ValueKind == JsonValueKind.String
        ? Rows(Catalogue.GetProperty(entry.GetString()!))
        : [new Field(entry[0].GetString()!, new Bilingual(entry[1].GetString()!, entry[2].GetString()!), entry[3].GetString()!)]);

    private static JsonElement Load()
    {
        using var stream = typeof(SiteFields).Assembly.GetManifestResourceStream("LandInventory.Words.fields.json")
            ?? throw new InvalidOperationException("Words/fields.json is not embedded in the API's assembly");
        return JsonDocument.Parse(stream).RootElement.Clone();
    }
}
