using System.Text.Json;
using LandInventory.Import.Formats;
using LandInventory.PostGis.Testing;

namespace LandInventory.Importer.Tests.Formats;

/// <summary>
/// The formats' fixtures, made from data/geojson's parcels by GDAL's ogr2ogr (as a planner's tools would write them)
/// into a folder of their own: each file named for what it is. Made once per test class.
/// </summary>
public sealed class FormatFixtures : IAsyncLifetime
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("landinventory-formats-").FullName;

    public string Path(string name) => System.IO.Path.Combine(Folder, name);

    /// <summary>The parcels' properties in file order: every one travels, under a short name where the format cuts names.</summary>
    public static IReadOnlyList<string> Properties { get; } = ReadProperties();

    public async ValueTask InitializeAsync()
    {
        var parcels = RepositoryFiles.Data("parcels.geojson");
        var all = string.Join(", ", Properties.Select(p => $"\"{p}\""));
        // A Shapefile's field names have 10 letters at most: f00, f01, … and a mapping back (as a planner would keep one).
        var shortNames = string.Join(", ", Properties.Select((p, i) => $"\"{p}\" AS f{i:00}"));
        await File.WriteAllTextAsync(Path("short-names.json"), JsonSerializer.Serialize(new
        {
            fields = Properties.Select((p, i) => (p, i)).ToDictionary(x => $"f{x.i:00}", x => x.p),
        }));
        await File.WriteAllTextAsync(Path("absent-field.json"), """{"fields": {"宗地编码": "code"}}""");

        await Ogr("-f", "ESRI Shapefile", Path("parcels-4544.shp"), parcels, "-lco", "ENCODING=UTF-8", "-t_srs", "EPSG:4544",
            "-dialect", "sqlite", "-sql", $"SELECT {shortNames}, geometry FROM parcels");
        Zip("parcels-4544.zip", "parcels-4544", [".shp", ".shx", ".dbf", ".prj", ".cpg"]);
        Zip("no-shp.zip", "parcels-4544", [".dbf", ".prj"]);
        // GBK attributes, the header's language driver cleared and no .cpg: the encoding must be found from the bytes.
        await Ogr("-f", "ESRI Shapefile", Path("parcels-gbk.shp"), parcels, "-lco", "ENCODING=CP936",
            "-dialect", "sqlite", "-sql", $"SELECT {shortNames}, geometry FROM parcels");
        File.Delete(Path("parcels-gbk.cpg"));
        Patch("parcels-gbk.dbf", dbf => dbf[29] = 0);
        foreach (var part in new[] { ".shp", ".shx", ".dbf", ".prj" })
        {
            File.Copy(Path("parcels-gbk" + part), Path("not-gbk" + part));
            File.Copy(Path("parcels-gbk" + part), Path("no-prj" + part));
        }

        File.Delete(Path("no-prj.prj"));
        // 0xFF starts no character in GBK or GB18030, nor in UTF-8.
        Patch("not-gbk.dbf", dbf => dbf[IndexOf(dbf, System.Text.Encoding.GetEncoding(936).GetBytes("洪河"))] = 0xFF);

        await Ogr("-f", "GPKG", Path("parcels-4544.gpkg"), parcels, "-t_srs", "EPSG:4544", "-nln", "parcels",
            "-dialect", "sqlite", "-sql", $"SELECT {all}, geometry FROM parcels");
        await Ogr("-f", "CSV", Path("parcels.csv"), parcels, "-lco", "GEOMETRY=AS_WKT", "-dialect", "sqlite", "-sql", $"SELECT {all}, geometry FROM parcels");
        await Ogr("-f", "LIBKML", Path("parcels.kml"), parcels, "-mapFieldType", "Date=String", "-dialect", "sqlite", "-sql", $"SELECT {all}, geometry FROM parcels");
        await Ogr("-f", "LIBKML", Path("parcels-3d.kml"), parcels, "-mapFieldType", "Date=String", "-dialect", "sqlite",
            "-sql", $"SELECT {all}, ST_Translate(CastToXYZ(geometry), 0, 0, 35) AS geometry FROM parcels");
        // A CAD drawing in the survey's grid: each boundary a hatch with its code written inside it.
        await Ogr("-f", "DXF", Path("parcels-4544.dxf"), parcels, "-s_srs", "EPSG:4326", "-t_srs", "EPSG:4544", "-dialect", "sqlite", "-sql",
            "SELECT 'parcels' AS Layer, geometry, NULL AS OGR_STYLE FROM parcels UNION ALL SELECT 'labels', ST_PointOnSurface(geometry), "
            + "'LABEL(f:\"Arial\",t:\"' || code || '\")' FROM parcels");
        await Ogr("-f", "DXF", Path("open-polyline.dxf"), parcels, "-s_srs", "EPSG:4326", "-t_srs", "EPSG:4544", "-dialect", "sqlite", "-sql",
            "SELECT 'parcels' AS Layer, ST_RemovePoint(ST_ExteriorRing(ST_GeometryN(geometry, 1)), ST_NPoints(ST_ExteriorRing(ST_GeometryN(geometry, 1))) - 1) AS geometry FROM parcels WHERE code = 'LQ04(252):2025-01'");
        await Ogr("-f", "DXF", Path("labels-only.dxf"), parcels, "-s_srs", "EPSG:4326", "-t_srs", "EPSG:4544", "-dialect", "sqlite", "-sql",
            "SELECT 'labels' AS Layer, ST_PointOnSurface(geometry) AS geometry, 'LABEL(f:\"Arial\",t:\"' || code || '\")' AS OGR_STYLE FROM parcels");
        await File.WriteAllTextAsync(Path("bad-wkt.csv"), File.ReadAllText(Path("parcels.csv")).Replace("\"MULTIPOLYGON (((104.172866", "\"MULTIPOLYGONE (((104.172866", StringComparison.Ordinal));
        // As Excel saves a CSV on a Chinese Windows: GB18030; and bytes that are text in neither (0xFF starts nothing).
        await File.WriteAllBytesAsync(Path("parcels-gb18030.csv"), LandInventory.Import.Formats.DbfText.Gb18030.Strict.GetBytes(File.ReadAllText(Path("parcels.csv"))));
        await File.WriteAllBytesAsync(Path("not-text.csv"), [.. File.ReadAllBytes(Path("parcels.csv")).Take(400), 0xFF, 0xFF, .. "\n"u8.ToArray()]);
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    private static Task<string> Ogr(params string[] arguments) =>
        Gdal.RunAsync("ogr2ogr", arguments, TimeSpan.FromMinutes(2), CancellationToken.None);

    private void Zip(string zip, string stem, string[] parts)
    {
        using var archive = System.IO.Compression.ZipFile.Open(Path(zip), System.IO.Compression.ZipArchiveMode.Create);
        foreach (var part in parts)
        {
            using var entry = archive.CreateEntry("survey/" + stem + part).Open();
            using var source = File.OpenRead(Path(stem + part));
            source.CopyTo(entry);
        }
    }

    private void Patch(string name, Action<byte[]> change)
    {
        var bytes = File.ReadAllBytes(Path(name));
        change(bytes);
        File.WriteAllBytes(Path(name), bytes);
    }

    private static int IndexOf(byte[] bytes, byte[] part)
    {
        for (var i = 0; i + part.Length <= bytes.Length; i++)
        {
            if (bytes.AsSpan(i, part.Length).SequenceEqual(part))
            {
                return i;
            }
        }

        throw new InvalidOperationException("not found");
    }

    private static List<string> ReadProperties()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.Data("parcels.geojson")));
        return [.. document.RootElement.GetProperty("features")[0].GetProperty("properties").EnumerateObject().Select(p => p.Name)];
    }
}
