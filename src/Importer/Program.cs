using System.CommandLine;
using LandInventory.Data.Spatial;
using LandInventory.Import;
using LandInventory.Importer;

var path = new Argument<string>("file-or-folder")
{
    Description = "A file (GeoJSON: a FeatureCollection, Feature, or newline-delimited features; a Shapefile, GeoPackage, KML, "
                  + "DXF or CSV), or a folder whose layer "
                  + $"files ({string.Join(", ", ImportLayers.All.Select(l => l.Name))}) are imported in that order.",
};
var layer = new Option<ImportLayer?>("--layer")
{
    Description = "The layer of the file. Optional when the file is named after its layer (parcels.geojson).",
    HelpName = string.Join("|", ImportLayers.All.Select(l => l.Name)),
    CustomParser = ImportCommand.ParseLayer,
};
var crs = new Option<string?>("--crs")
{
    Description = "The coordinate system of the input, overriding a 'crs' member: EPSG:"
                  + string.Join("|", CoordinateSystem.KnownEpsgCodes) + ", CRS84, gcj02, bd09, or a .prj/WKT file. "
                  + "Default: the file's 'crs' member, else WGS84 (RFC 7946). Coordinates are x = easting/longitude first.",
    HelpName = "EPSG:4544|gcj02|bd09|file.prj",
};
var dryRun = new Option<bool>("--dry-run") { Description = "Check and compare, print what would change, write nothing." };
var mode = new Option<ImportMode>("--mode")
{
    Description = "upsert (default): add new features and update changed ones, matched on code. replace: also remove "
                  + "what the file no longer has.",
    HelpName = "upsert|replace",
    DefaultValueFactory = _ => ImportMode.Upsert,
};
var skipInvalid = new Option<bool>("--skip-invalid")
{
    Description = "Import the valid features and report the rest (default: any invalid feature fails the whole run).",
};
var tolerance = new Option<double>("--tolerance")
{
    Description = "Survey tolerance in metres on the ground (default 0.01): a geometry that moved no more is unchanged.",
    HelpName = "metres",
    DefaultValueFactory = _ => ImportOptions.DefaultSurveyToleranceM,
    Validators = { r => { if (r.GetValueOrDefault<double>() is < 0 or > 100) { r.AddError("--tolerance is from 0 to 100 metres."); } } },
};
var report = new Option<string?>("--report") { Description = "Write a JSON report (counts, changes, problems) to this file." };
var format = new Option<string?>("--format")
{
    Description = "The input's format, when its name does not say it (.geojson, .shp or .zip, .gpkg, .kml or .kmz, .dxf, .csv).",
    HelpName = "geojson|shapefile|gpkg|kml|dxf|csv",
};
var mapping = new Option<string?>("--mapping")
{
    Description = "How the input's fields become the layer's properties: a mapping file (JSON: {\"fields\": {\"宗地编号\": \"code\", "
                  + "\"用地面积（亩）\": {\"to\": \"netSiteAreaSqm\", \"unit\": \"亩\"}}, \"ignore\": [\"序号\"]}) or a built-in one: land-notice "
                  + "(the field names of Chinese land-supply notices), dxf (a shape's label is its code; a DXF's default), or one a bureau keeps "
                  + "in the database (bureau/name, as the workspace keeps them).",
    HelpName = "file.json|land-notice|dxf|bureau/name",
};
var table = new Option<string?>("--table")
{
    Description = "The GeoPackage table (or the Shapefile in a zip of several) to import. Default: the only one, or the one named after the layer.",
};
var connection = new Option<string?>("--connection")
{
    Description = "Npgsql connection string. Default: configuration ConnectionStrings:Inventory (environment ConnectionStrings__Inventory).",
};

var root = new RootCommand("""
    Imports GeoJSON, Shapefiles (.shp with its set, or a .zip), GeoPackage, KML/KMZ, DXF and CSV (WKT or lon/lat
    columns) into the LandInventory PostGIS database; formats other than GeoJSON are read by GDAL's ogr2ogr. Every feature is checked first — geometry type and validity,
    coordinates inside the zone after transformation (with what a mistake looks like: swapped axes, a zone prefix, the
    wrong system), required fields, units and enumerations, unique codes, references, parcels inside their area — and
    every problem is reported with file, feature number, code and field. Then all files are written in one transaction,
    or nothing is. Pending schema migrations are applied first.

    Exit codes: 0 success, 1 invalid input (nothing written), 2 database or other failure (nothing written).

    Examples:
      LandInventory.Importer data/geojson
      LandInventory.Importer survey-parcels.geojson --layer parcels --crs EPSG:4544 --dry-run
      LandInventory.Importer buildings.geojsonl --crs gcj02 --skip-invalid --report report.json
      LandInventory.Importer 出让地块.zip --layer parcels --mapping land-notice --dry-run
      LandInventory.Importer 宗地图.dxf --layer parcels --crs EPSG:4544
    """)
{
    path, layer, crs, dryRun, mode, skipInvalid, tolerance, report, format, mapping, table, connection,
};
root.SetAction((result, ct) =>
{
    var request = new ImportRequest(result.GetValue(path)!, result.GetValue(layer), result.GetValue(crs),
        result.GetValue(dryRun), result.GetValue(mode), result.GetValue(skipInvalid), result.GetValue(report),
        result.GetValue(connection), result.GetValue(tolerance), result.GetValue(format), result.GetValue(mapping), result.GetValue(table));
    var interactive = !Console.IsOutputRedirected && !Console.IsErrorRedirected;
    return new ImportCommand(Console.Out, Console.Error, interactive).RunAsync(request, ct);
});

return await root.Parse(args).InvokeAsync();
