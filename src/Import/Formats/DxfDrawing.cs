using System.Text.Json;
using System.Text.Json.Nodes;
using LandInventory.Import.Reading;
using NetTopologySuite.Geometries;

namespace LandInventory.Import.Formats;

/// <summary>
/// A CAD drawing's entities (GDAL's DXF reading, closed polylines read as polygons, block inserts as points) made into a
/// layer's features. A layer of shapes takes the closed polylines and hatches — a polyline whose ends meet is closed —
/// and each shape is labelled by the one text (TEXT, MTEXT) inside it; a layer of locations takes the points and block
/// inserts, each labelled by the text nearest it. Each feature keeps its CAD layer name (<c>Layer</c>) and its label
/// (<c>Text</c>) for the mapping. Anything else (an open polyline, a point among shapes, two labels in one shape) is a
/// problem naming the entity's handle and CAD layer; so is a drawing with nothing to import.
/// </summary>
internal static class DxfDrawing
{
    private sealed record Entity(int Index, string Layer, string Handle, string Kind, Geometry Geometry, JsonNode? Json, string? Text)
    {
        /// <summary>A polyline whose ends meet, taken as the polygon it closes.</summary>
        public bool Closed { get; init; }
    }

    /// <summary>Rewrites the spool as the layer's features; what they may be known by (labels, CAD layer names).</summary>
    public static async Task<string[]> PrepareAsync(string spool, ImportInput input, CancellationToken ct)
    {
        JsonArray features;
        await using (var stream = File.OpenRead(spool))
        {
            features = (await JsonNode.ParseAsync(stream, cancellationToken: ct))!["features"]!.AsArray();
        }

        var entities = features.Select((f, i) => Read(i, f!)).ToList();
        var labels = entities.Where(e => e.Kind is "AcDbText" or "AcDbMText" && e.Text is { Length: > 0 }).ToList();
        var polygonal = !input.Layer.HoldsPoints;
        var wanted = polygonal ? "shape" : "location";
        var problems = new List<ImportProblem>();
        void Problem(Entity e, string message) => problems.Add(new ImportProblem(input.Name, e.Index, null, "geometry",
            $"{message} (entity {e.Handle} on CAD layer \"{e.Layer}\")"));

        var kept = new List<Entity>();
        foreach (var entity in entities.Except(labels))
        {
            var kind = entity.Geometry switch
            {
                Polygon or MultiPolygon => "shape",
                LineString { IsClosed: true, NumPoints: >= 4 } => "closed line",
                LineString or MultiLineString => "open",
                Point or MultiPoint => "location",
                _ => entity.Geometry.GeometryType,
            };
            if (kind == "closed line" && polygonal)
            {
                kept.Add(entity with { Geometry = entity.Geometry.Factory.CreatePolygon(((LineString)entity.Geometry).Coordinates), Closed = true });
            }
            else if (kind == wanted)
            {
                kept.Add(entity);
            }
            else
            {
                Problem(entity, kind == "open"
                    ? $"an open polyline: a {input.Layer.Name} boundary is a closed polyline or a hatch"
                    : $"a {entity.Geometry.GeometryType} where {input.Layer.Name} are {(polygonal ? "closed shapes" : "points or block inserts")}");
            }
        }

        if (kept.Count == 0 && problems.Count == 0)
        {
            problems.Add(new ImportProblem(input.Name, null, null, "(file)", polygonal
                ? "the drawing holds no closed shape (a closed polyline or a hatch)"
                : "the drawing holds no point or block insert"));
        }

        var labelled = kept.ToDictionary(k => k, _ => new List<Entity>());
        foreach (var label in labels)
        {
            var owner = polygonal
                ? kept.FirstOrDefault(k => k.Geometry.Covers(label.Geometry))
                : kept.MinBy(k => k.Geometry.Distance(label.Geometry));
            if (owner is not null)
            {
                labelled[owner].Add(label);
            }
        }

        foreach (var (shape, its) in labelled.Where(l => l.Value.Count > 1))
        {
            Problem(shape, $"{its.Count} labels inside it ({string.Join(", ", its.Select(l => $"\"{l.Text}\""))}): which names it?");
        }

        if (problems.Count > 0)
        {
            throw new InvalidInputException(problems);
        }

        var output = new JsonArray([.. kept.Select(k => (JsonNode?)new JsonObject
        {
            ["type"] = "Feature",
            ["properties"] = new JsonObject { ["Layer"] = k.Layer, ["Text"] = labelled[k].FirstOrDefault()?.Text },
            ["geometry"] = k.Closed ? Json(k.Geometry) : k.Json?.DeepClone(),
        })]);
        await File.WriteAllTextAsync(spool, new JsonObject { ["type"] = "FeatureCollection", ["features"] = output }.ToJsonString(), ct);
        return [.. kept.SelectMany(k => new[] { k.Layer, labelled[k].FirstOrDefault()?.Text }).OfType<string>().Distinct()];
    }

    private static Entity Read(int index, JsonNode feature)
    {
        var properties = feature["properties"];
        var geometry = feature["geometry"];
        var classes = properties?["SubClasses"]?.GetValue<string>() ?? "";
        return new Entity(index, properties?["Layer"]?.GetValue<string>() ?? "0", properties?["EntityHandle"]?.GetValue<string>() ?? "?",
            classes.Split(':').LastOrDefault() ?? "", geometry is null ? GeometryFactory.Default.CreateGeometryCollection() : GeoJsonGeometry.Read(JsonSerializer.SerializeToElement(geometry)),
            geometry, properties?["Text"]?.GetValue<string>());
    }

    private static JsonObject Json(Geometry geometry) => new()
    {
        ["type"] = "Polygon",
        ["coordinates"] = new JsonArray(new JsonArray([.. geometry.Coordinates.Select(c => (JsonNode?)new JsonArray(c.X, c.Y))])),
    };
}
