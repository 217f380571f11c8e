using System.CommandLine;
using LandInventory.Data.Spatial;
using LandInventory.Import;
using LandInventory.Importer;

var path = new Argument<string>("file-or-folder")
{
    Description = "A GeoJSON file (FeatureCollection, Feature, or newline-delimited features), or a folder whose layer "
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
var connection = new Option<string?>("--connection")
{
    Description = "Npgsql connection string. Default: configuration ConnectionStrings:Inventory (environment ConnectionStrings__Inventory).",
};

var root = new RootCommand("""
    Imports GeoJSON into the LandInventory PostGIS database. Every feature is checked first — geometry type and validity,
    coordinates inside the zone after transformation (with what a mistake looks like: swapped axes, a zone prefix, the
    wrong system), required fields, units and enumerations, unique codes, references, parcels inside their area — and
    every problem is reported with file, feature number, code and field. Then all files are written in one transaction,
    or nothing is. Pending schema migrations are applied first.

    Exit codes: 0 success, 1 invalid input (nothing written), 2 database or other failure (nothing written).

    Examples:
      LandInventory.Importer data/geojson
      LandInventory.Importer survey-parcels.geojson --layer parcels --crs EPSG:4544 --dry-run
      LandInventory.Importer buildings.geojsonl --crs gcj02 --skip-invalid --report report.json
    """)
{
    path, layer, crs, dryRun, mode, skipInvalid, tolerance, report, connection,
};
root.SetAction((result, ct) =>
{
    var request = new ImportRequest(result.GetValue(path)!, result.GetValue(layer), result.GetValue(crs),
        result.GetValue(dryRun), result.GetValue(mode), result.GetValue(skipInvalid), result.GetValue(report),
        result.GetValue(connection), result.GetValue(tolerance));
    var interactive = !Console.IsOutputRedirected && !Console.IsErrorRedirected;
    return new ImportCommand(Console.Out, Console.Error, interactive).RunAsync(request, ct);
});

return await root.Parse(args).InvokeAsync();
