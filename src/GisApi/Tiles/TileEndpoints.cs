using System.Text.Json;
using LandInventory.Data;
using LandInventory.GisApi.Http;
using LandInventory.GisApi.Ogc;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LandInventory.GisApi.Tiles;

/// <summary>Vector tiles (<c>/tiles/{layer}/{z}/{x}/{y}.mvt</c>, Web Mercator XYZ) and a TileJSON 3.0 document per layer.</summary>
public static class TileEndpoints
{
    public const int MaxZoom = 22;

    /// <summary>Tile size in pixels (the MVT extent is 4096 units across).</summary>
    private const double TileUnits = 4096;

    public static IEndpointRouteBuilder MapTileEndpoints(this IEndpointRouteBuilder app)
    {
        var tiles = app.MapGroup("/tiles").WithTags("Vector tiles").AddEndpointFilter<DataVersionETag>();
        tiles.MapGet("/{layerId}.json", TileJson).WithName("TileJson")
            .WithSummary("TileJSON 3.0 for a layer: tile URL template, zooms, bounds and the attributes of its features")
            .Produces(StatusCodes.Status200OK, contentType: "application/json").ProducesProblem(StatusCodes.Status404NotFound);
        tiles.MapGet("/{layerId}/{z:int}/{x:int}/{y:int}.mvt", Tile).WithName("VectorTile")
            .WithSummary("A Mapbox vector tile of one layer (204 when the tile holds no feature); names and figures from zoom 15, the TileJSON says which")
            .WithMetadata(new PlaceScoped(Place))
            .Produces(StatusCodes.Status200OK, contentType: TileResult.ContentType).Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<TileResult, ProblemHttpResult>> Tile(
        string layerId, int z, int x, int y, InventoryDbContext db, CancellationToken ct)
    {
        if (TileLayers.Find(layerId) is not { } layer)
        {
            return NoLayer(layerId);
        }

        if (z is < 0 or > MaxZoom)
        {
            return TypedResults.Problem($"z: {z} is outside the zooms 0 to {MaxZoom}", statusCode: StatusCodes.Status400BadRequest,
                title: "Invalid tile");
        }

        var size = 1 << z;
        if (x < 0 || x >= size || y < 0 || y >= size)
        {
            return TypedResults.Problem($"tile {z}/{x}/{y} does not exist: at zoom {z}, x and y run from 0 to {size - 1}",
                statusCode: StatusCodes.Status404NotFound, title: "No such tile");
        }

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            // A low-zoom tile of thousands of features is drawn as its overview; counting stops at the threshold.
            var sql = layer.Sql;
            if (z < TileLayers.OverviewZoom && layer.Overview is { } overview)
            {
                await using var dense = Command(overview.Dense);
                sql = (int)(await dense.ExecuteScalarAsync(ct))! >= TileLayers.DenseFeatures ? overview.Sql : sql;
            }

            await using var command = Command(sql);
            return new TileResult((byte[])(await command.ExecuteScalarAsync(ct))!);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        NpgsqlCommand Command(string sql)
        {
            var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("z", z);
            command.Parameters.AddWithValue("x", x);
            command.Parameters.AddWithValue("y", y);
            // One pixel of this zoom, in degrees at the equator: what the map cannot show anyway.
            command.Parameters.AddWithValue("tolerance", 360.0 / size / TileUnits);
            command.Parameters.AddWithValue("detailed", z >= TileLayers.DetailZoom);
            command.Parameters.AddWithValue("buffer", TileLayers.Buffer);
            command.Parameters.AddWithValue("dense", TileLayers.DenseFeatures);
            command.Parameters.AddWithValue("cell", TileLayers.CellUnits);
            return command;
        }
    }

    /// <summary>A tile's place: its layer, and the box its query selects in. Null for a request the endpoint refuses.</summary>
    private static Place? Place(HttpContext http)
    {
        var route = http.Request.RouteValues;
        return route["layerId"] is string layerId && TileLayers.Find(layerId) is not null && History.HistoryNames.Table(layerId) is { } table
               && int.TryParse(route["z"]?.ToString(), out var z) && z is >= 0 and <= MaxZoom
               && int.TryParse(route["x"]?.ToString(), out var x) && int.TryParse(route["y"]?.ToString(), out var y)
            ? new Place(table, SearchBox(z, x, y))
            : null;
    }

    /// <summary>
    /// The tile with the buffer its query selects in (<see cref="TileLayers"/>), in WGS84: Web Mercator's x and y map to
    /// longitude and latitude one to one, so the box is exact.
    /// </summary>
    public static NetTopologySuite.Geometries.Envelope SearchBox(int z, int x, int y)
    {
        double size = 1 << z, margin = TileLayers.Buffer / TileUnits;
        static double Latitude(double y, double size) => Math.Atan(Math.Sinh(Math.PI * (1 - (2 * y / size)))) * 180 / Math.PI;
        return new NetTopologySuite.Geometries.Envelope(
            ((x - margin) / size * 360) - 180, ((x + 1 + margin) / size * 360) - 180,
            Latitude(y + 1 + margin, size), Latitude(y - margin, size));
    }

    private static async Task<Results<GeoJsonResult, ProblemHttpResult>> TileJson(
        string layerId, HttpRequest request, InventoryDbContext db, CancellationToken ct)
    {
        if (TileLayers.Find(layerId) is not { } layer || FeatureLayers.Find(layerId) is not { } features)
        {
            return NoLayer(layerId);
        }

        var extent = await features.ExtentAsync(db, ct);
        var root = request.Root();
        return new GeoJsonResult("application/json", w =>
        {
            w.WriteStartObject();
            w.WriteString("tilejson", "3.0.0");
            w.WriteString("name", features.Title);
            w.WriteString("description", features.Description);
            w.WriteString("scheme", "xyz");
            w.WriteStartArray("tiles");
            w.WriteStringValue($"{root}/tiles/{layer.Id}/{{z}}/{{x}}/{{y}}.mvt");
            w.WriteEndArray();
            w.WriteNumber("minzoom", 0);
            w.WriteNumber("maxzoom", MaxZoom);
            if (extent is not null)
            {
                w.WriteStartArray("bounds");
                foreach (var v in new[] { extent.MinX, extent.MinY, extent.MaxX, extent.MaxY })
                {
                    w.WriteNumberValue(v);
                }

                w.WriteEndArray();
            }

            w.WriteStartArray("vector_layers");
            w.WriteStartObject();
            w.WriteString("id", layer.Id);
            if (layer.DetailFields.Count > 0)
            {
                w.WriteString("description", $"Below zoom {TileLayers.DetailZoom} only {string.Join(", ",
                    layer.Fields.Keys.Where(f => !layer.DetailFields.Contains(f)))}; from zoom {TileLayers.DetailZoom} also "
                    + string.Join(", ", layer.DetailFields));
            }

            if (layer.Overview is { } overview)
            {
                w.WriteString("x-overview", $"Below zoom {TileLayers.OverviewZoom}, a tile of {TileLayers.DenseFeatures} features or more "
                    + $"is an overview: squares of {TileLayers.CellUnits} tile units, each with the count of the features whose centre "
                    + $"(of the bounding box) lies in it and {string.Join(", ", overview.Fields.Keys.Where(f => f != "count"))} over them "
                    + "(no code)");
            }

            w.WritePropertyName("fields");
            JsonSerializer.Serialize(w, layer.Overview is null ? layer.Fields
                : layer.Fields.Concat(layer.Overview.Fields.Where(f => !layer.Fields.ContainsKey(f.Key))).ToDictionary());
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static ProblemHttpResult NoLayer(string layerId) =>
        TypedResults.Problem($"no tile layer '{layerId}': the layers are {string.Join(", ", TileLayers.All.Select(l => l.Id))}",
            statusCode: StatusCodes.Status404NotFound, title: "Layer not found");
}
