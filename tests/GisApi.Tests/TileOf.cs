using LandInventory.PostGis.Testing;

namespace LandInventory.GisApi.Tests;

/// <summary>Which XYZ tile holds a parcel, asked of PostGIS (the tile of a point on its surface, as "x/y"), and a tile saved for GDAL.</summary>
public static class TileOf
{
    public static Task<string> ParcelAsync(InventoryTestDatabase database, string code, int z) =>
        database.ScalarAsync<string>("""
            SELECT floor((ST_X(c) + 180) / 360 * 2 ^ @z)::int || '/' ||
                   floor((1 - ln(tan(radians(ST_Y(c))) + 1 / cos(radians(ST_Y(c)))) / pi()) / 2 * 2 ^ @z)::int
            FROM (SELECT ST_PointOnSurface(boundary) AS c FROM land_parcels WHERE code = @code) s
            """, ("z", z), ("code", code));

    /// <summary>
    /// The tile's bytes written where GDAL's MVT driver reads a lone tile from — a <c>z/x/y.mvt</c> path, which also
    /// georeferences it — in a folder of its own; the path.
    /// </summary>
    public static async Task<string> SaveAsync(string xyz, HttpResponseMessage response, CancellationToken ct)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory().FullName, $"{xyz}.mvt");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync(ct), ct);
        return path;
    }
}
