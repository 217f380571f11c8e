using System.Text.Json;
using LandInventory.Data;
using LandInventory.Data.Mappings;
using Microsoft.EntityFrameworkCore;

namespace LandInventory.Import.Mapping;

/// <summary>
/// The mappings bureaus keep in the database (<see cref="KeptMapping"/>): named <c>bureau/name</c> anywhere a mapping is
/// named (<c>--mapping jk-investment-promotion/survey-2025</c>; in the API a planner's own bureau may be left out). Read in
/// a transaction whose writer the table's row security lets see the bureau's rows (WriterScope).
/// </summary>
public static class KeptMappings
{
    public const char Separator = '/';

    /// <summary>Chinese field names kept as they are written, not as \u escapes.</summary>
    private static readonly JsonSerializerOptions Written = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    /// <summary>A reference to a kept mapping: <c>bureau/name</c>; the bureau is <paramref name="ownBureau"/> when left out.</summary>
    public static (string? Bureau, string Name) Reference(string text, string? ownBureau = null) =>
        text.IndexOf(Separator) is var at and > 0 ? (text[..at], text[(at + 1)..]) : (ownBureau, text);

    /// <summary>Why this name cannot be a kept mapping's, or none: 1–64 characters, no slash, not a built-in mapping's name.</summary>
    public static string? NameProblem(string name) =>
        name.Trim().Length == 0 || name.Length > KeptMappingConfiguration.MaxName || name != name.Trim() || name.Any(char.IsControl)
            ? $"a mapping's name has 1 to {KeptMappingConfiguration.MaxName} characters, no leading or trailing space and no control character"
            : name.Contains(Separator) || name.Contains('\\') ? "a mapping's name has no slash (bureau/name names a bureau's mapping)"
            : FieldMapping.BuiltInNamed(name) is not null ? $"\"{name}\" is a built-in mapping's name" : null;

    /// <summary>The bureau's mapping of that name (<see cref="Read"/> makes it a layer's); none when the bureau keeps no such mapping (or row security hides it).</summary>
    public static Task<KeptMapping?> FindAsync(InventoryDbContext db, string bureau, string name, CancellationToken ct) =>
        db.KeptMappings.AsNoTracking().SingleOrDefaultAsync(m => m.StewardId == bureau && m.Name == name, ct);

    /// <summary>A kept mapping as a field mapping for <paramref name="layer"/>.</summary>
    /// <exception cref="ArgumentException">It maps another layer, or does not fit the layer's properties.</exception>
    public static FieldMapping Read(KeptMapping kept, ImportLayer layer)
    {
        var named = $"{kept.StewardId}{Separator}{kept.Name}";
        return kept.Layer == layer.Name
            ? FieldMapping.Parse(kept.Body, named, layer)
            : throw new ArgumentException($"mapping {named} maps the layer {kept.Layer}, not {layer.Name}");
    }

    /// <summary>
    /// A mapping to keep, checked as an import would read it: its JSON (<c>{"fields": …, "ignore": …}</c>) for the
    /// layer it names; the body kept is the mapping's own members, re-written.
    /// </summary>
    /// <exception cref="ArgumentException">Malformed, or naming what is not a property of the layer (saying which).</exception>
    public static string Checked(JsonElement body, string name, ImportLayer layer)
    {
        var json = JsonSerializer.Serialize(new Dictionary<string, JsonElement>(
            body.EnumerateObject().Where(p => p.Name is "fields" or "ignore").Select(p => KeyValuePair.Create(p.Name, p.Value))), Written);
        FieldMapping.Parse(json, name, layer);
        return json.Length <= KeptMappingConfiguration.MaxBody
            ? json
            : throw new ArgumentException($"mapping {name}: at most {KeptMappingConfiguration.MaxBody} characters of JSON");
    }
}
