using System.Text.Json;
using LandInventory.Data;
using LandInventory.Data.Spatial;
using LandInventory.GisApi.Errors;
using LandInventory.GisApi.Inquiries;
using LandInventory.GisApi.Ogc;
using LandInventory.GisApi.Places;
using LandInventory.GisApi.Words;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace LandInventory.GisApi.Sites;

/// <summary>
/// Everything a site's page, map image and brochure show: its published properties (the OGC item's, so every protocol
/// tells the same), its shape, its nearest places, its bureau, and what is drawn around it (areas, places, neighbours).
/// </summary>
public sealed record SiteSheet(
    string Layer, string Code, JsonElement Properties, Geometry Geometry, IReadOnlyList<NearPlace> Near, Bureau Bureau,
    IReadOnlyDictionary<string, Bilingual> AreaNames, Surroundings Around)
{
    /// <summary>The places within this distance are brought into the site's map with it, as the investor map does.</summary>
    public const double SurroundingsM = 3000;

    public string Name(string lang) => Properties.GetProperty(lang == "zh" ? "nameZh" : "nameEn").GetString()!;

    public string? Text(string property) =>
        Properties.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>A field of the site's, written as the language writes it (SiteFields), its area named.</summary>
    public string Write(SiteFields.Field field, string lang) => SiteFields.Write(field, Properties, lang, AreaNames.GetValueOrDefault);

    /// <summary>The few figures a link preview or a list line gives (fields.json's headlines), joined.</summary>
    public string Headline(string lang) => string.Join(" · ", SiteFields.Headline(Layer).Select(f => Write(f, lang)));

    /// <summary>A site with all it shows, its surroundings and nearest places included.</summary>
    public static async Task<SiteSheet> LoadAsync(InventoryDbContext db, string layer, string code, CancellationToken ct) =>
        (await LoadManyAsync(db, [(layer, code)], drawn: true, ct))[0];

    /// <summary>
    /// Sites in the order given, the areas read once for all; <paramref name="drawn"/> false: without surroundings or
    /// nearest places (rows of a spreadsheet).
    /// </summary>
    public static async Task<List<SiteSheet>> LoadManyAsync(InventoryDbContext db, IEnumerable<(string Layer, string Code)> sites, bool drawn, CancellationToken ct)
    {
        var areas = await db.Areas.AsNoTracking().ToListAsync(ct);
        var found = new List<SiteSheet>();
        foreach (var (layer, code) in sites)
        {
            found.Add(await LoadOneAsync(db, layer, code, areas, drawn, ct));
        }

        return found;
    }

    private static async Task<SiteSheet> LoadOneAsync(InventoryDbContext db, string layer, string code, List<Data.Areas.Area> areas, bool drawn, CancellationToken ct)
    {
        var features = FeatureLayers.Find(layer);
        if (features is null || !NearestPlaces.Offered(layer))
        {
            throw new RequestRefusedException(Refusal.NotFound, "Site not found", $"'{layer}' is not a layer of sites (parcels, carriers, buildings)");
        }

        var row = await features.FindAsync(db, code, ct)
            ?? throw new RequestRefusedException(Refusal.NotFound, "Site not found", $"the {layer} layer has no site '{code}'");
        var properties = PropertiesOf(row);
        var steward = properties.GetProperty("stewardId").GetString()!;
        var bureau = await db.Stewards.AsNoTracking().Where(s => s.Id == steward).Select(s => new Bureau(s.Id, s.NameZh, s.NameEn)).SingleAsync(ct);
        var names = areas.ToDictionary(a => a.Id, a => new Bilingual(a.NameZh, a.NameEn));
        if (!drawn)
        {
            return new SiteSheet(layer, code, properties, row.Geometry, [], bureau, names, new Surroundings(row.Geometry.EnvelopeInternal, [], [], []));
        }

        var near = (await NearestPlaces.ForAsync(db, layer, [code], ct))[code].OrderBy(p => p.DistanceM).ToList();

        var places = await db.Places.AsNoTracking().ToListAsync(ct);
        var frame = Frame(row.Geometry, near.Where(p => p.DistanceM <= SurroundingsM).Select(p => places.First(x => x.Id == p.Id).Location));
        var neighbours = (await features.IntersectingAsync(db, Geo.Factory.ToGeometry(frame), 500, ct)).Where(r => r.Id != code).Select(r => r.Geometry).ToList();
        return new SiteSheet(layer, code, properties, row.Geometry, near, bureau, names,
            new Surroundings(frame, areas.Select(a => (Geometry)a.Boundary).ToList(), neighbours,
                places.Where(p => frame.Contains(p.Location.Coordinate)).Select(p => new Landmark(p.Id, EnumNames.Of(p.Kind), new Bilingual(p.NameZh, p.NameEn), p.Location)).ToList()));
    }

    /// <summary>The site and the places near it, with a margin: what the map image shows.</summary>
    private static Envelope Frame(Geometry site, IEnumerable<Point> near)
    {
        var frame = new Envelope(site.EnvelopeInternal);
        foreach (var point in near)
        {
            frame.ExpandToInclude(point.Coordinate);
        }

        // At least ~1 km across, and a fifth more each way, so a point carrier is not a dot on nothing.
        var margin = Math.Max(Math.Max(frame.Width, frame.Height) * 0.2, 0.005);
        frame.ExpandBy(margin);
        return frame;
    }

    /// <summary>The feature's properties exactly as the OGC API writes them.</summary>
    private static JsonElement PropertiesOf(FeatureRow row)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            GeoJsonResult.WriteFeature(writer, row);
        }

        return JsonDocument.Parse(buffer.ToArray()).RootElement.GetProperty("properties").Clone();
    }
}

/// <summary>What the map image draws around a site: its frame (WGS84), the areas, the layer's other sites, the places.</summary>
public sealed record Surroundings(Envelope Frame, IReadOnlyList<Geometry> Areas, IReadOnlyList<Geometry> Neighbours, IReadOnlyList<Landmark> Places);

public sealed record Landmark(string Id, string Kind, Bilingual Name, Point Location);
