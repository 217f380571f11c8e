using System.Collections.Frozen;
using System.Text.Json;

namespace LandInventory.GisApi.Words;

/// <summary>A text in both of the inventory's languages.</summary>
public sealed record Bilingual(string Zh, string En)
{
    public string In(string lang) => lang == "en" ? En : Zh;
}

/// <summary>
/// The words of every enumeration value (land uses, industries, kinds, statuses, place kinds, bureaus) in Chinese and
/// English, from <c>Words/values.json</c> — the file the map's bundle imports too, so a page of the server and the map
/// never name a value differently.
/// </summary>
public static class ValueWords
{
    private static readonly FrozenDictionary<string, Bilingual> All = Load();

    /// <summary>The words for a value's JSON name (<c>newEnergyVehicles</c>); the name itself when there are none.</summary>
    public static Bilingual Of(string value) => All.GetValueOrDefault(value) ?? new Bilingual(value, value);

    private static FrozenDictionary<string, Bilingual> Load()
    {
        using var stream = typeof(ValueWords).Assembly.GetManifestResourceStream("LandInventory.Words.values.json")
            ?? throw new InvalidOperationException("Words/values.json is not embedded in the API's assembly");
        var words = JsonSerializer.Deserialize<Dictionary<string, Bilingual>>(stream, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException("Words/values.json is empty");
        return words.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
