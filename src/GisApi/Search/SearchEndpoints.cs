using System.Text.Json;
using LandInventory.Data;
using LandInventory.Data.Spatial;
using LandInventory.GisApi.Http;
using LandInventory.GisApi.Ogc;
using Microsoft.AspNetCore.Http.HttpResults;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;

namespace LandInventory.GisApi.Search;

/// <summary>
/// Spatial search in GeoJSON: nearest features (index-assisted KNN, geodesic metres), everything within a radius,
/// "what is here" across all layers, features intersecting a posted geometry; and per-area statistics.
/// Results carry the foreign members <c>layer</c> and, where a point was given, <c>distanceM</c>.
/// </summary>
public static class SearchEndpoints
{
    public const int MaxCount = 100;
    public const int MaxResults = 1000;
    public const double MaxRadiusM = 50_000;
    public const int MaxVertices = 10_000;

    public static IEndpointRouteBuilder MapSearchEndpoints(this IEndpointRouteBuilder app)
    {
        var search = app.MapGroup("/search").WithTags("Spatial search").AddEndpointFilter<DataVersionETag>();
        search.MapGet("/nearest", Nearest).WithName("SearchNearest")
            .WithSummary($"The nearest features of a layer to lon/lat: count (default 5, at most {MaxCount}), with geodesic distanceM")
            .Produces(StatusCodes.Status200OK, contentType: GeoJsonResult.GeoJson).ProducesProblem(StatusCodes.Status400BadRequest);
        search.MapGet("/within", Within).WithName("SearchWithin")
            .WithSummary($"Features of a layer within radius metres (at most {MaxRadiusM}) of lon/lat, nearest first")
            .Produces(StatusCodes.Status200OK, contentType: GeoJsonResult.GeoJson).ProducesProblem(StatusCodes.Status400BadRequest);
        search.MapGet("/here", Here).WithName("SearchHere")
            .WithSummary("What is here: every feature of every layer at lon/lat (areas, parcels, buildings, carrier points)")
            .Produces(StatusCodes.Status200OK, contentType: GeoJsonResult.GeoJson).ProducesProblem(StatusCodes.Status400BadRequest);
        search.MapPost("/intersecting", Intersecting).WithName("SearchIntersecting")
            .WithSummary($"Features of a layer intersecting a posted GeoJSON geometry (WGS84, valid, at most {MaxVertices} vertices)")
            .Accepts<JsonElement>("application/geo+json", "application/json")
            .Produces(StatusCodes.Status200OK, contentType: GeoJsonResult.GeoJson).ProducesProblem(StatusCodes.Status400BadRequest);
        search.MapGet("/statistics", Statistics).WithName("SearchStatistics")
            .WithSummary("Per area: parcels by status, available site area by land use, vacant floor area by industry and category");
        return app;
    }

    private static async Task<Results<GeoJsonResult, ProblemHttpResult>> Nearest(
        string? layer, double? lon, double? lat, int? count, InventoryDbContext db, CancellationToken ct)
    {
        var n = count ?? 5;
        if (Check(layer, lon, lat) is { } problem)
        {
            return problem;
        }

        if (n is < 1 or > MaxCount)
        {
            return Bad($"count: {n} must be from 1 to {MaxCount}");
        }

        var point = Point(lon!.Value, lat!.Value);
        var found = await FeatureLayers.Find(layer!)!.NearestAsync(db, point, n, ct);
        return Collection(found.Select(f => (layer!, f.Row, (double?)f.DistanceM)));
    }

    private static async Task<Results<GeoJsonResult, ProblemHttpResult>> Within(
        string? layer, double? lon, double? lat, double? radius, InventoryDbContext db, CancellationToken ct)
    {
        if (Check(layer, lon, lat) is { } problem)
        {
            return problem;
        }

        if (radius is not { } metres || !double.IsFinite(metres) || metres <= 0 || metres > MaxRadiusM)
        {
            return Bad($"radius: '{radius}' must be metres, above 0 and at most {MaxRadiusM}");
        }

        var found = await FeatureLayers.Find(layer!)!.WithinAsync(db, Point(lon!.Value, lat!.Value), metres, MaxResults, ct);
        return Collection(found.Select(f => (layer!, f.Row, (double?)f.DistanceM)));
    }

    private static async Task<Results<GeoJsonResult, ProblemHttpResult>> Here(
        double? lon, double? lat, InventoryDbContext db, CancellationToken ct)
    {
        if (CheckPoint(lon, lat) is { } problem)
        {
            return problem;
        }

        var point = Point(lon!.Value, lat!.Value);
        var found = new List<(string, FeatureRow, double?)>();
        foreach (var layer in FeatureLayers.All)
        {
            // A point layer (the carriers) has nothing that contains a point: "here" means within a few metres of one.
            var rows = layer.Queryables["geometry"] == typeof(Point)
                ? (await layer.WithinAsync(db, point, 25, MaxResults, ct)).Select(r => r.Row)
                : await layer.IntersectingAsync(db, point, MaxResults, ct);
            found.AddRange(rows.Select(r => (layer.Id, r, (double?)null)));
        }

        return Collection(found);
    }

    private static async Task<Results<GeoJsonResult, ProblemHttpResult>> Intersecting(
        string? layer, HttpRequest request, InventoryDbContext db, CancellationToken ct)
    {
        if (layer is null || FeatureLayers.Find(layer) is not { } features)
        {
            return Bad(UnknownLayer(layer));
        }

        var (shape, error) = await PostedGeometry.ReadAsync(request, MaxVertices, ct);
        if (shape is null)
        {
            return Bad(error!);
        }

        var found = await features.IntersectingAsync(db, shape, MaxResults, ct);
        return Collection(found.Select(r => (layer, r, (double?)null)));
    }

    private static Task<GeoJsonResult> Statistics(InventoryDbContext db, CancellationToken ct) =>
        AreaStatistics.QueryAsync(db, ct);

    private static ProblemHttpResult? Check(string? layer, double? lon, double? lat)
    {
        return layer is null || FeatureLayers.Find(layer) is null ? Bad(UnknownLayer(layer)) : CheckPoint(lon, lat);
    }

    private static ProblemHttpResult? CheckPoint(double? lon, double? lat)
    {
        if (lon is not { } x || lat is not { } y || !double.IsFinite(x) || !double.IsFinite(y) || x is < -180 or > 180 || y is < -90 or > 90)
        {
            return Bad($"lon, lat: '{lon}', '{lat}' must be a WGS84 longitude (-180..180) and latitude (-90..90)");
        }

        return null;
    }

    private static string UnknownLayer(string? layer) =>
        $"layer: '{layer}' is not one of {string.Join(", ", FeatureLayers.All.Select(l => l.Id))}";

    private static Point Point(double lon, double lat) => Geo.Factory.CreatePoint(new Coordinate(lon, lat));

    private static ProblemHttpResult Bad(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid search");

    private static GeoJsonResult Collection(IEnumerable<(string Layer, FeatureRow Row, double? DistanceM)> found)
    {
        var list = found.ToList();
        return new GeoJsonResult(GeoJsonResult.GeoJson, w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "FeatureCollection");
            w.WriteNumber("numberReturned", list.Count);
            w.WriteStartArray("features");
            foreach (var (layer, row, distance) in list)
            {
                GeoJsonResult.WriteFeature(w, row, extra =>
                {
                    extra.WriteString("layer", layer);
                    if (distance is { } d)
                    {
                        extra.WriteNumber("distanceM", Math.Round(d, 2));
                    }
                });
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }
}
