using LandInventory.Data.Spatial;
using LandInventory.Importer.Benchmarks;

// generate COUNT OUT.geojson [AREAS.geojson] [CRS|-] [SEED]: a realistic parcels file for benchmarks and tests; another
// seed gives the same codes with other boundaries and figures (a file in which every parcel changed).
if (args is not ["generate", var countText, var output, ..])
{
    Console.Error.WriteLine("usage: generate COUNT OUT.geojson [AREAS.geojson] [CRS e.g. EPSG:4544, or - for WGS84] [SEED]");
    return 2;
}

var areas = args.Length > 3 ? args[3] : Path.Combine("data", "geojson", "areas.geojson");
var crs = args.Length > 4 && args[4] != "-" ? CoordinateSystem.Parse(args[4]) : null;
var seed = args.Length > 5 ? int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture) : 20250403;
var started = DateTime.UtcNow;
ParcelFileGenerator.FromAreasFile(areas, seed).Write(output, int.Parse(countText, System.Globalization.CultureInfo.InvariantCulture), crs);
Console.WriteLine($"{output}: {countText} parcels, {new FileInfo(output).Length / 1024 / 1024} MB, in {(DateTime.UtcNow - started).TotalSeconds:F1} s");
return 0;
