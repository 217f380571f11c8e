namespace LandInventory.GisApi.Downloads;

/// <summary>
/// A file an items query can be downloaded as (<c>f=</c> or <c>Accept</c>), written by GDAL's driver of that name from
/// the query's features (decision 0021). <paramref name="Options"/> are the driver's layer options; a format without
/// geometry of its own (XLSX) carries the shape as WKT in a <c>geometryWkt</c> column; KML is WGS 84 whatever is asked.
/// </summary>
public sealed record DownloadFormat(string Name, string MediaType, string Driver, string Extension, string Title, string[] Options,
    bool WktColumn = false, bool Wgs84Only = false, bool Lists = false)
{
    public static IReadOnlyList<DownloadFormat> All { get; } =
    [
        new("gpkg", "application/geopackage+sqlite3", "GPKG", ".gpkg", "GeoPackage", [], Lists: true),
        new("fgb", "application/flatgeobuf", "FlatGeobuf", ".fgb", "FlatGeobuf", ["SPATIAL_INDEX=YES"]),
        // Zipped with its .prj and .cpg; attributes in UTF-8, which the .cpg says. Shapefile names are cut to 10 letters.
        new("shp", "application/zip", "ESRI Shapefile", ".shp.zip", "Shapefile (zipped)", ["ENCODING=UTF-8"]),
        // With a byte-order mark, so that Excel reads the Chinese as UTF-8; GDAL and every CSV reader skip it.
        new("csv", "text/csv", "CSV", ".csv", "CSV (geometry as WKT)", ["GEOMETRY=AS_WKT", "WRITE_BOM=YES"]),
        new("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX", ".xlsx", "Excel", [], WktColumn: true),
        new("kml", "application/vnd.google-earth.kml+xml", "KML", ".kml", "KML", [], Wgs84Only: true),
    ];

    /// <summary>The format <c>f</c> names, or the first the <c>Accept</c> header names exactly (none: the page as GeoJSON).</summary>
    public static DownloadFormat? Of(HttpRequest request) =>
        request.Query.TryGetValue("f", out var f)
            ? All.FirstOrDefault(d => d.Name == f.ToString())
            : request.GetTypedHeaders().Accept.OrderByDescending(a => a.Quality ?? 1)
                .Select(a => All.FirstOrDefault(d => a.MediaType.Equals(d.MediaType, StringComparison.OrdinalIgnoreCase)))
                .FirstOrDefault(d => d is not null);

    /// <summary>What <c>f</c> takes, for errors and the API description.</summary>
    public static string Names => string.Join(", ", All.Select(d => d.Name).Prepend("json"));
}
