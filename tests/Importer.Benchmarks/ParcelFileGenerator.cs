using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using LandInventory.Data.Spatial;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace LandInventory.Importer.Benchmarks;

/// <summary>
/// Writes a realistic parcels file of any size: irregular 6–10-sided parcels of 0.2 to 2 ha inside the three supply
/// areas of data/geojson, with the figures and enumerations real Longquanyi listings carry, optionally projected
/// (e.g. EPSG:4544 with a legacy crs member). Streams as it writes, so a million features need no memory.
/// </summary>
public sealed class ParcelFileGenerator(IReadOnlyList<(string Id, Polygon Boundary)> areas, int seed = 20250403)
{
    private static readonly string[] Statuses = ["available", "available", "available", "reserved", "underNegotiation"];
    private readonly Random _random = new(seed);

    /// <summary>The areas of a GeoJSON file such as data/geojson/areas.geojson.</summary>
    public static ParcelFileGenerator FromAreasFile(string path, int seed = 20250403)
    {
        var options = new JsonSerializerOptions { Converters = { new GeoJsonConverterFactory(Geo.Factory) } };
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var areas = document.RootElement.GetProperty("features").EnumerateArray()
            .Select(f => (f.GetProperty("properties").GetProperty("id").GetString()!,
                (Polygon)f.GetProperty("geometry").Deserialize<Geometry>(options)!.GetGeometryN(0)))
            .ToList();
        return new ParcelFileGenerator(areas, seed);
    }

    public void Write(string path, int count, CoordinateSystem? crs = null)
    {
        using var stream = new BufferedStream(File.Create(path), 1 << 20);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("type", "FeatureCollection");
        json.WriteString("name", "parcels");
        if (crs is not null && crs.Name.StartsWith("EPSG:", StringComparison.Ordinal))
        {
            json.WriteStartObject("crs");
            json.WriteString("type", "name");
            json.WriteStartObject("properties");
            json.WriteString("name", $"urn:ogc:def:crs:EPSG::{crs.Name[5..]}");
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteStartArray("features");
        for (var i = 0; i < count; i++)
        {
            WriteFeature(json, i, crs);
            if (i % 10_000 == 0)
            {
                json.Flush();
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private void WriteFeature(Utf8JsonWriter json, int i, CoordinateSystem? crs)
    {
        var (areaId, area) = areas[i % areas.Count];
        var residential = _random.NextDouble() < 0.6;
        var siteArea = Math.Round(2_000 + (_random.NextDouble() * 18_000), 2);
        var plotRatio = Math.Round(residential ? 1.8 + (_random.NextDouble() * 1.2) : 2.5 + (_random.NextDouble() * 2.0), 1);
        json.WriteStartObject();
        json.WriteString("type", "Feature");
        json.WriteString("id", $"GEN-{i:D7}");
        json.WriteStartObject("properties");
        json.WriteString("code", $"GEN-{i:D7}");
        json.WriteString("nameZh", $"生成地块{i:D7}号");
        json.WriteString("nameEn", $"Generated Parcel No. {i:D7}");
        json.WriteString("areaId", areaId);
        json.WriteString("landUse", residential ? "residential" : "commercialService");
        json.WriteString("landUseCode", residential ? "070102" : "0901");
        json.WriteString("landUseScheme", "territorialSpatial2023");
        json.WriteNumber("netSiteAreaSqm", siteArea);
        json.WriteNumber("plotRatioMax", plotRatio);
        json.WriteNumber("buildingDensityMaxPct", residential ? 30 : 45);
        json.WriteNumber("greenRatioMinPct", residential ? 30 : 20);
        json.WriteNumber("heightLimitM", residential ? 80 : 100);
        json.WriteNumber("leaseTermYears", residential ? 70 : 40);
        json.WriteNumber("startingPrice", Math.Round(residential ? 600 + (_random.NextDouble() * 900) : 200 + (_random.NextDouble() * 300), 1));
        json.WriteString("priceBasis", "wanYuanPerMu");
        json.WriteNumber("depositWanYuan", Math.Round(siteArea * 0.03, 0));
        json.WriteString("supplyMethod", "listing");
        json.WriteString("status", Statuses[i % Statuses.Length]);
        json.WriteString("availableFrom", "2025-06-01");
        json.WriteString("stewardId", "lqy-planning-resources");
        json.WriteString("contactPhone", "+86 28 0000 0000");
        json.WriteString("verifiedOn", "2025-04-03");
        json.WriteEndObject();
        WritePolygon(json, Parcel(area, siteArea), crs);
        json.WriteEndObject();
    }

    /// <summary>An irregular polygon of about <paramref name="sqm"/> m² around a random point well inside the area.</summary>
    private Coordinate[] Parcel(Polygon area, double sqm)
    {
        var radius = Math.Sqrt(sqm / Math.PI);
        var inner = area.Buffer(-0.002);
        var envelope = inner.EnvelopeInternal;
        Coordinate centre;
        do
        {
            centre = new Coordinate(envelope.MinX + (_random.NextDouble() * envelope.Width),
                envelope.MinY + (_random.NextDouble() * envelope.Height));
        }
        while (!inner.Contains(Geo.Factory.CreatePoint(centre)));

        var sides = _random.Next(6, 11);
        var ring = new Coordinate[sides + 1];
        for (var k = 0; k < sides; k++)
        {
            var angle = 2 * Math.PI * k / sides; // increasing angle: counter-clockwise, never self-intersecting
            var r = radius * (0.8 + (_random.NextDouble() * 0.4));
            ring[k] = new Coordinate(centre.X + (r * Math.Cos(angle) / (111_320 * Math.Cos(centre.Y * Math.PI / 180))),
                centre.Y + (r * Math.Sin(angle) / 110_574));
        }

        ring[sides] = ring[0];
        return ring;
    }

    private static void WritePolygon(Utf8JsonWriter json, Coordinate[] ring, CoordinateSystem? crs)
    {
        json.WriteStartObject("geometry");
        json.WriteString("type", "Polygon");
        json.WriteStartArray("coordinates");
        json.WriteStartArray();
        foreach (var c in ring)
        {
            var (x, y) = crs is null ? (c.X, c.Y) : crs.FromWgs84(c.X, c.Y);
            json.WriteStartArray();
            json.WriteRawValue(Math.Round(x, crs is { IsGeographic: false } ? 3 : 7).ToString("R", CultureInfo.InvariantCulture));
            json.WriteRawValue(Math.Round(y, crs is { IsGeographic: false } ? 3 : 7).ToString("R", CultureInfo.InvariantCulture));
            json.WriteEndArray();
        }

        json.WriteEndArray();
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
