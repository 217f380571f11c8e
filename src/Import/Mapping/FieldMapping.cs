using System.Text.Json;

namespace LandInventory.Import.Mapping;

/// <summary>
/// How a source's fields become a layer's properties: each named source field goes to one property, its figures
/// converted from the unit the source states (亩 → m², 万元 → 元, 公顷 → m²); fields listed under <c>ignore</c> are left out
/// on purpose. A field the mapping neither maps nor ignores keeps its name, and so is reported as an unknown property
/// unless it is one. A planner names and keeps a mapping as a JSON file (docs/importer.md); <see cref="LandNotice"/> is
/// built in. A kept mapping must fit its file: a field it maps that no feature has is a problem (a built-in mapping
/// lists alternatives, and is exempt).
/// </summary>
public sealed class FieldMapping
{
    private FieldMapping(string name, IReadOnlyDictionary<string, FieldTarget> fields, IReadOnlySet<string> ignored, bool builtIn)
    {
        Name = name;
        Fields = fields;
        Ignored = ignored;
        BuiltIn = builtIn;
    }

    public string Name { get; }

    /// <summary>Source field → property and the factor its figures are multiplied by.</summary>
    public IReadOnlyDictionary<string, FieldTarget> Fields { get; }

    public IReadOnlySet<string> Ignored { get; }

    /// <summary>The JSON a mapping that is not built in was read from: what a queued import keeps to read it again.</summary>
    public string? Json { get; private init; }

    /// <summary>Built in: its fields are alternatives (a notice has one of 用地面积 and 出让面积), none required.</summary>
    public bool BuiltIn { get; }

    /// <summary>Units a mapping may state, by their English and Chinese names: the factor to the property's unit.</summary>
    public static IReadOnlyDictionary<string, decimal> Units { get; } = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase)
    {
        ["sqm"] = 1, ["m2"] = 1, ["平方米"] = 1, ["mu"] = 10000m / 15, ["亩"] = 10000m / 15, ["hectare"] = 10000, ["ha"] = 10000,
        ["公顷"] = 10000, ["yuan"] = 1, ["元"] = 1, ["wanYuan"] = 10000, ["万元"] = 10000, ["m"] = 1, ["米"] = 1,
    };

    /// <summary>Reads a mapping: a built-in one by name (<c>land-notice</c>, <c>dxf</c>), else a JSON file.</summary>
    /// <exception cref="ArgumentException">No such mapping, or it is malformed (saying where).</exception>
    public static FieldMapping Load(string nameOrPath, ImportLayer layer)
    {
        if (BuiltIns.TryGetValue(nameOrPath, out var builtIn))
        {
            return builtIn;
        }

        if (!File.Exists(nameOrPath))
        {
            throw new ArgumentException($"mapping \"{nameOrPath}\" is neither a built-in mapping ({string.Join(", ", BuiltIns.Keys)}) nor a file");
        }

        return Parse(File.ReadAllText(nameOrPath), Path.GetFileName(nameOrPath), layer);
    }

    /// <summary>A mapping from its JSON: <c>{"fields": {"宗地编号": "code", "用地面积": {"to": "netSiteAreaSqm", "unit": "亩"}}, "ignore": ["序号"]}</c>.</summary>
    public static FieldMapping Parse(string json, string name, ImportLayer layer)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"mapping {name}: not valid JSON ({e.Message})");
        }

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("fields", out var fields) || fields.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"mapping {name}: needs a \"fields\" object of source field → property");
        }

        var known = layer.FieldTypes;
        var targets = new Dictionary<string, FieldTarget>(StringComparer.Ordinal);
        foreach (var field in fields.EnumerateObject())
        {
            var (to, unit) = field.Value.ValueKind switch
            {
                JsonValueKind.String => (field.Value.GetString(), null),
                JsonValueKind.Object => (Member(field.Value, "to"), Member(field.Value, "unit")),
                _ => (null, null),
            };
            if (to is null || !known.ContainsKey(to))
            {
                throw new ArgumentException($"mapping {name}: \"{field.Name}\" maps to \"{to}\", which is not a property of {layer.Name} "
                                            + $"({string.Join(", ", known.Keys.Order(StringComparer.Ordinal))})");
            }

            decimal factor = 1;
            if (unit is not null && !Units.TryGetValue(unit, out factor))
            {
                throw new ArgumentException($"mapping {name}: \"{field.Name}\" has unit \"{unit}\"; units are {string.Join(", ", Units.Keys)}");
            }

            targets[field.Name] = new FieldTarget(to, factor, unit);
        }

        var ignored = new HashSet<string>(StringComparer.Ordinal);
        if (root.TryGetProperty("ignore", out var list))
        {
            if (list.ValueKind != JsonValueKind.Array || list.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
            {
                throw new ArgumentException($"mapping {name}: \"ignore\" is a list of source field names");
            }

            ignored.UnionWith(list.EnumerateArray().Select(e => e.GetString()!));
        }

        return new FieldMapping(root.TryGetProperty("name", out var n) && n.GetString() is { Length: > 0 } named ? named : name,
            targets, ignored, builtIn: false) { Json = json };
    }

    private static string? Member(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>
    /// The field names of the land-supply notices (国有建设用地使用权出让公告) and the survey tables bureaus publish, with their
    /// units: areas in 亩 or 公顷 where the name says so, prices and deposits in 万元 where it says so.
    /// </summary>
    public static FieldMapping LandNotice { get; } = Named("land-notice", new()
    {
        ["宗地编号"] = new("code"), ["地块编号"] = new("code"), ["编号"] = new("code"),
        ["宗地名称"] = new("nameZh"), ["地块名称"] = new("nameZh"), ["项目名称"] = new("nameZh"), ["名称"] = new("nameZh"),
        ["宗地位置"] = new("addressZh"), ["土地位置"] = new("addressZh"), ["地址"] = new("addressZh"),
        ["用地面积"] = new("netSiteAreaSqm"), ["出让面积"] = new("netSiteAreaSqm"), ["土地面积"] = new("netSiteAreaSqm"),
        ["用地面积（平方米）"] = new("netSiteAreaSqm"), ["用地面积(平方米)"] = new("netSiteAreaSqm"),
        ["用地面积（亩）"] = new("netSiteAreaSqm", 10000m / 15, "亩"), ["用地面积(亩)"] = new("netSiteAreaSqm", 10000m / 15, "亩"),
        ["面积亩"] = new("netSiteAreaSqm", 10000m / 15, "亩"), ["用地面积（公顷）"] = new("netSiteAreaSqm", 10000, "公顷"),
        ["用地性质代码"] = new("landUseCode"), ["用地代码"] = new("landUseCode"),
        ["容积率上限"] = new("plotRatioMax"), ["容积率"] = new("plotRatioMax"), ["容积率下限"] = new("plotRatioMin"),
        ["建筑密度"] = new("buildingDensityMaxPct"), ["建筑密度上限"] = new("buildingDensityMaxPct"),
        ["绿地率"] = new("greenRatioMinPct"), ["绿地率下限"] = new("greenRatioMinPct"),
        ["建筑限高"] = new("heightLimitM"), ["限高"] = new("heightLimitM"), ["出让年限"] = new("leaseTermYears"),
        ["起始价"] = new("startingPrice"), ["起始价（万元）"] = new("startingPrice", 10000, "万元"), ["起始价(万元)"] = new("startingPrice", 10000, "万元"),
        ["竞买保证金（万元）"] = new("depositWanYuan"), ["竞买保证金(万元)"] = new("depositWanYuan"), ["保证金"] = new("depositWanYuan"),
        ["联系人"] = new("contactName"), ["联系电话"] = new("contactPhone"),
    });

    /// <summary>
    /// A CAD drawing's shapes: each is the record its label (the text inside it) names; its other fields stay as stored.
    /// The CAD layer name (<c>Layer</c>) is the drawing's, not the record's: this mapping leaves it out; a planner's own
    /// mapping may take it (<c>"Layer": "landUseCode"</c> where the layers are named after land uses).
    /// </summary>
    public static FieldMapping Dxf { get; } = new("dxf", new Dictionary<string, FieldTarget> { ["Text"] = new("code") },
        new HashSet<string>(["Layer"], StringComparer.Ordinal), builtIn: true);

    private static readonly Dictionary<string, FieldMapping> BuiltIns = new(StringComparer.OrdinalIgnoreCase)
    {
        [LandNotice.Name] = LandNotice, [Dxf.Name] = Dxf,
    };

    /// <summary>The built-in mapping of that name, if any (the API takes these only: a path would read the server's files).</summary>
    public static FieldMapping? BuiltInNamed(string name) => BuiltIns.GetValueOrDefault(name);

    public static IEnumerable<string> BuiltInNames => BuiltIns.Keys;

    private static FieldMapping Named(string name, Dictionary<string, FieldTarget> fields) =>
        new(name, fields, new HashSet<string>(StringComparer.Ordinal), builtIn: true);
}

/// <summary>Where a source field goes: the property, and what its figures are multiplied by (1 when no unit is stated).</summary>
public sealed record FieldTarget(string Property, decimal Factor = 1, string? Unit = null);
