namespace LandInventory.Import.Formats;

/// <summary>The formats the importer reads (decision 0022): GeoJSON itself, and what GDAL reads for it.</summary>
public enum SourceFormat
{
    GeoJson,
    Shapefile,
    GeoPackage,
    Kml,
    Dxf,
    Csv,
}

public static class SourceFormats
{
    private static readonly Dictionary<string, SourceFormat> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["geojson"] = SourceFormat.GeoJson, ["shapefile"] = SourceFormat.Shapefile, ["shp"] = SourceFormat.Shapefile,
        ["gpkg"] = SourceFormat.GeoPackage, ["geopackage"] = SourceFormat.GeoPackage, ["kml"] = SourceFormat.Kml,
        ["kmz"] = SourceFormat.Kml, ["dxf"] = SourceFormat.Dxf, ["csv"] = SourceFormat.Csv,
    };

    /// <summary>
    /// The column in which a table without geometries of its own carries each shape as WKT: what the CSV and XLSX
    /// downloads write, and a name an imported CSV's geometry column may have.
    /// </summary>
    public const string WktColumn = "geometryWkt";

    /// <summary>What the command line's <c>--format</c> and the API's <c>format</c> take.</summary>
    public static string Known => "geojson, shapefile (a .zip or a .shp with its set), gpkg, kml (or .kmz), dxf, csv";

    /// <summary>The format of that name (<c>shapefile</c>, <c>shp</c>, <c>gpkg</c>, …), if any.</summary>
    public static SourceFormat? Parse(string name) => Names.TryGetValue(name, out var format) ? format : null;

    /// <summary>The format a file's name says, if it says one: <c>.shp</c>, <c>.zip</c> (a zipped Shapefile), <c>.gpkg</c>, …</summary>
    public static SourceFormat? FromName(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".geojson" or ".json" or ".geojsonl" or ".geojsons" or ".ndjson" or ".jsonl" => SourceFormat.GeoJson,
        ".shp" or ".zip" => SourceFormat.Shapefile,
        ".gpkg" => SourceFormat.GeoPackage,
        ".kml" or ".kmz" => SourceFormat.Kml,
        ".dxf" => SourceFormat.Dxf,
        ".csv" => SourceFormat.Csv,
        _ => null,
    };

    /// <summary>
    /// The format a file's first bytes say, for an upload whose name says none: a zip (a zipped Shapefile, or KMZ when
    /// it holds a .kml), SQLite (GeoPackage), a DXF's first group, XML (KML), JSON (GeoJSON); anything else is read as CSV.
    /// </summary>
    public static SourceFormat Sniff(string path)
    {
        var head = new byte[512];
        int read;
        using (var file = File.OpenRead(path))
        {
            read = file.Read(head, 0, head.Length);
        }

        var text = System.Text.Encoding.Latin1.GetString(head, 0, read).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (text.StartsWith("PK\u0003\u0004", StringComparison.Ordinal))
        {
            using var zip = System.IO.Compression.ZipFile.OpenRead(path);
            return zip.Entries.Any(e => e.FullName.EndsWith(".kml", StringComparison.OrdinalIgnoreCase)) ? SourceFormat.Kml : SourceFormat.Shapefile;
        }

        return text switch
        {
            _ when text.StartsWith("SQLite format 3", StringComparison.Ordinal) => SourceFormat.GeoPackage,
            _ when text.StartsWith('0') && text.Contains("SECTION", StringComparison.Ordinal) => SourceFormat.Dxf,
            _ when text.StartsWith('<') => SourceFormat.Kml,
            _ when text.StartsWith('{') || text.StartsWith('\u001e') => SourceFormat.GeoJson,
            _ => SourceFormat.Csv,
        };
    }
}
