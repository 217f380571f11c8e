using System.CommandLine;
using LandInventory.Importer;

var path = new Argument<string>("file-or-folder")
{
    Description = "A GeoJSON file, or a folder whose layer files (areas, parcels, carriers, buildings .geojson) are imported in that order.",
};
var layer = new Option<Layer?>("--layer")
{
    Description = "The layer of the file: areas, parcels, carriers or buildings. Optional when the file is named after its layer.",
    HelpName = "areas|parcels|carriers|buildings",
    CustomParser = result => ImportCommand.ParseLayer(result),
};
var connection = new Option<string?>("--connection")
{
    Description = "Npgsql connection string. Default: configuration ConnectionStrings:Inventory (environment ConnectionStrings__Inventory).",
};
var migrate = new Option<bool>("--migrate")
{
    Description = "Apply pending database migrations before importing (creates the schema on an empty database).",
};

var root = new RootCommand(
    "Imports GeoJSON into the LandInventory PostGIS database: every feature is checked first, then all of it is written in one transaction or nothing is.\n"
    + "Exit codes: 0 success, 1 invalid input (nothing written), 2 database or other failure (nothing written).")
{
    path, layer, connection, migrate,
};
root.SetAction((result, ct) => new ImportCommand(Console.Out, Console.Error).RunAsync(
    result.GetValue(path)!, result.GetValue(layer), result.GetValue(connection), result.GetValue(migrate), ct));

return await root.Parse(args).InvokeAsync();
