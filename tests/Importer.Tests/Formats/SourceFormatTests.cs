using LandInventory.Import.Parcels;
using LandInventory.PostGis.Testing;
using static LandInventory.Importer.Tests.ImporterHarness;

namespace LandInventory.Importer.Tests.Formats;

/// <summary>
/// Every format the importer reads, made by GDAL from data/geojson: imported into an inventory whose parcels were
/// removed, it gives back exactly the rows the GeoJSON gave (every column; each boundary within 1 cm, measured by
/// PostGIS). Each bad input the formats bring is refused naming file, feature and field, and nothing is written.
/// </summary>
public sealed class SourceFormatTests(PostGisServer server, FormatFixtures files) : IClassFixture<FormatFixtures>
{
    /// <summary>Each parcel column but the database's own (id, timestamps, generated area), as text.</summary>
    private const string RowsSql = """
        SELECT string_agg(concat_ws('|', code, name_zh, name_en, area_id, address_zh, address_en, land_use, land_use_code,
                 land_use_scheme, net_site_area_sqm, plot_ratio_max, plot_ratio_min, building_density_max_pct, green_ratio_min_pct,
                 height_limit_m, lease_term_years, starting_price, price_basis, deposit_wan_yuan, supply_method, status,
                 available_from, steward_id, contact_name, contact_phone, verified_on), E'\n' ORDER BY code)
        FROM
        """;

    public static TheoryData<string, string?, string?> Sources => new()
    {
        { "parcels-4544.zip", "short-names.json", null },      // zipped, UTF-8 .cpg, the .prj a Gauss-Krüger grid
        { "parcels-gbk.shp", "short-names.json", null },       // GBK without .cpg or language driver
        { "parcels-4544.gpkg", null, null },                   // the table's system from the GeoPackage
        { "parcels.csv", null, null },                         // WKT, every cell text
        { "parcels-gb18030.csv", null, null },                 // the same, saved as GB18030
        { "parcels.kml", null, null },
        { "parcels-4544.dxf", null, "EPSG:4544" },             // shapes only: labels name them, the rest stays as stored
    };

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task Import_EachFormat_GivesTheRowsTheGeoJsonGave(string file, string? mapping, string? crs)
    {
        await using var database = await LoadedDatabaseAsync(server);
        await database.ScalarAsync<object>("CREATE TABLE expected AS SELECT * FROM land_parcels");
        if (!file.EndsWith(".dxf", StringComparison.Ordinal))
        {
            await database.ScalarAsync<object>("DELETE FROM land_parcels");
        }
        else
        {
            // A new survey of shapes that are stored: move every boundary 10 m, and let the drawing put them back.
            await database.ScalarAsync<object>("UPDATE land_parcels SET boundary = ST_Translate(boundary, 0.0001, 0)");
        }

        var (exit, output, errors) = await RunAsync(database, new ImportRequest(files.Path(file), ParcelImport.Layer,
            Crs: crs, Mapping: mapping is null ? null : files.Path(mapping)));

        Assert.True(exit == ImportCommand.Success, errors + output);
        Assert.Equal(await database.ScalarAsync<string>(RowsSql + " expected"),
            await database.ScalarAsync<string>(RowsSql + " land_parcels"));
        Assert.Equal(21, await database.ScalarAsync<long>("""
            SELECT count(*) FROM land_parcels p JOIN expected e USING (code)
            WHERE ST_HausdorffDistance(ST_Transform(p.boundary, 4544), ST_Transform(e.boundary, 4544)) < 0.01
            """));
    }

    public static TheoryData<string, string?, string> BadInputs => new()
    {
        { "no-prj.shp", null, "no-prj.shp: crs: the Shapefile has no .prj, so its coordinate system is unknown" },
        { "not-gbk.shp", null, "not-gbk.shp: feature #0, f01: the bytes FF" },
        { "not-gbk.shp", null, "are not valid GB18030" },
        { "no-shp.zip", null, "no-shp.zip: (file): the zip holds no .shp (it holds survey/parcels-4544.dbf, survey/parcels-4544.prj)" },
        { "open-polyline.dxf", "EPSG:4544", "open-polyline.dxf: feature #0, geometry: an open polyline: a parcels boundary is a closed polyline or a hatch (entity" },
        { "labels-only.dxf", "EPSG:4544", "labels-only.dxf: (file): the drawing holds no closed shape (a closed polyline or a hatch)" },
        { "parcels-4544.dxf", null, "parcels-4544.dxf: crs: a DXF drawing holds no coordinate system" },
        { "parcels-3d.kml", null, "parcels-3d.kml: feature #0 (LQ04(252):2025-01), geometry: 3D coordinates: a height of 35 m at (104.172866, 30.587697)" },
        { "not-text.csv", null, "not-text.csv: (file): the CSV is neither UTF-8 nor GB18030 (GBK) text: save it as UTF-8" },
        { "bad-wkt.csv", null, "bad-wkt.csv: feature #0 (LQ04(252):2025-01), WKT: does not read as a geometry (WKT, or longitude and latitude): \"MULTIPOLYGONE (((104.172866" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Import_BadSource_ExitsOne_SaysWhatAndWhere_AndWritesNothing(string file, string? crs, string expected)
    {
        await using var database = await LoadedDatabaseAsync(server);
        var before = await database.ScalarAsync<string>(StateSql);

        var (exit, _, errors) = await RunAsync(database, new ImportRequest(files.Path(file), ParcelImport.Layer, Crs: crs));

        Assert.Equal(ImportCommand.InvalidInput, exit);
        Assert.Contains(expected, errors, StringComparison.Ordinal);
        Assert.Equal(before, await database.ScalarAsync<string>(StateSql));
    }

    [Fact]
    public async Task Import_MappingNamingAFieldTheFileLacks_IsRefused_NamingIt()
    {
        await using var database = await LoadedDatabaseAsync(server);
        var before = await database.ScalarAsync<string>(StateSql);

        var (exit, _, errors) = await RunAsync(database, new ImportRequest(RepositoryFiles.Data("parcels.geojson"), ParcelImport.Layer,
            Mapping: files.Path("absent-field.json")));

        Assert.Equal(ImportCommand.InvalidInput, exit);
        Assert.Contains("parcels.geojson: 宗地编码: the mapping absent-field.json maps \"宗地编码\" to code, but no feature has it", errors, StringComparison.Ordinal);
        Assert.Equal(before, await database.ScalarAsync<string>(StateSql));

        // Skipping invalid features does not skip a mapping that does not fit: every feature was read with it.
        var (skipping, _, _) = await RunAsync(database, new ImportRequest(RepositoryFiles.Data("parcels.geojson"), ParcelImport.Layer,
            SkipInvalid: true, Mapping: files.Path("absent-field.json")));
        Assert.Equal(ImportCommand.InvalidInput, skipping);
        Assert.Equal(before, await database.ScalarAsync<string>(StateSql));
    }

    [Fact]
    public async Task Import_NamingABureausKeptMapping_ReadsTheFileAsItsMappingFileDoes()
    {
        await using var database = await LoadedDatabaseAsync(server);
        await database.ScalarAsync<object>("CREATE TABLE expected AS SELECT * FROM land_parcels");
        await database.ScalarAsync<object>("DELETE FROM land_parcels");
        var mapping = await File.ReadAllTextAsync(files.Path("short-names.json"), TestContext.Current.CancellationToken);
        await database.ScalarAsync<object>("""
            INSERT INTO kept_mappings (steward_id, name, layer, body, updated_by, updated_at)
            VALUES ('lqy-planning-resources', '测绘院 2025', 'parcels', @body, 'test', now())
            """, ("body", mapping));

        var (exit, output, errors) = await RunAsync(database, new ImportRequest(files.Path("parcels-4544.zip"), ParcelImport.Layer,
            Mapping: "lqy-planning-resources/测绘院 2025"));

        Assert.True(exit == ImportCommand.Success, errors + output);
        Assert.Equal(await database.ScalarAsync<string>(RowsSql + " expected"), await database.ScalarAsync<string>(RowsSql + " land_parcels"));

        // Another bureau keeps none of that name: refused before anything is read, naming it.
        var (missing, _, refused) = await RunAsync(database, new ImportRequest(files.Path("parcels-4544.zip"), ParcelImport.Layer,
            Mapping: "jk-investment-promotion/测绘院 2025"));
        Assert.Equal(ImportCommand.InvalidInput, missing);
        Assert.Contains("nor a mapping jk-investment-promotion keeps", refused, StringComparison.Ordinal);
    }
}
