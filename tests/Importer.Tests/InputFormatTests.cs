using LandInventory.Import;
using LandInventory.Import.Parcels;
using System.Text.Json.Nodes;
using LandInventory.Data.Spatial;
using LandInventory.PostGis.Testing;
using static LandInventory.Importer.Tests.ImporterHarness;

namespace LandInventory.Importer.Tests;

/// <summary>What planners bring — projected grids, web-map offsets, sequences — lands where it belongs (PostGIS judges).</summary>
public sealed class InputFormatTests(PostGisServer server)
{
    /// <summary>The Gauss-Krüger ring of the fixtures, to compare with what was stored, in metres on that grid.</summary>
    private const string GaussKrugerRing =
        "POLYGON((428523.592 3385363.579,428781.31 3385345.357,428790.523 3385477.012,428724.69 3385530.332,428536.294 3385543.662,428523.592 3385363.579))";

    public static TheoryData<string, string?> GaussKrugerInputs => new()
    {
        { "parcels-4544.geojson", null },                    // legacy crs member before the features
        { "crs-after-features.geojson", null },              // ... and after them
        { "survey-4544-no-crs.geojson", "survey-4544-esri.prj" }, // an ArcGIS .prj with the Gauss_Kruger alias
        { "survey-4544-no-crs.geojson", "EPSG:4544" },
    };

    [Theory]
    [MemberData(nameof(GaussKrugerInputs))]
    public async Task Import_GaussKrugerParcel_IsStoredInWgs84_WithinOneCentimetre(string fixture, string? crs)
    {
        await using var database = await LoadedDatabaseAsync(server);
        var crsOption = crs is not null && crs.EndsWith(".prj", StringComparison.Ordinal) ? Fixture(crs) : crs;

        var (exit, output, errors) = await RunAsync(database, new ImportRequest(Fixture(fixture), ParcelImport.Layer, Crs: crsOption));

        Assert.True(exit == ImportCommand.Success, errors);
        Assert.Equal(1, Counts.Of(output, "parcels").Inserted);
        var error = await database.ScalarAsync<double>("""
            SELECT ST_HausdorffDistance(ST_Transform(boundary, 4544), ST_GeomFromText(@ring, 4544))
            FROM land_parcels WHERE code LIKE 'FIX-%'
            """, ("ring", GaussKrugerRing));
        Assert.InRange(error, 0, 0.01);
    }

    [Fact]
    public async Task Import_CrsOption_OverridesTheFilesCrsMember()
    {
        await using var database = await LoadedDatabaseAsync(server);

        var (exit, _, errors) = await RunAsync(database,
            new ImportRequest(Fixture("parcels-4544.geojson"), ParcelImport.Layer, Crs: "EPSG:4326"));

        Assert.Equal(ImportCommand.InvalidInput, exit);
        Assert.Contains("(428523.592, 3385363.579) in EPSG:4326 falls at", errors, StringComparison.Ordinal);
        Assert.Contains("they look like EPSG:4544: pass --crs EPSG:4544", errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gcj02")]
    [InlineData("bd09")]
    public async Task Import_ParcelsTracedOnChineseWebMaps_AreShiftedBackToWithinOneCentimetre(string crs)
    {
        await using var database = await LoadedDatabaseAsync(server);
        var system = CoordinateSystem.Parse(crs);
        var collection = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryFiles.Data("parcels.geojson"), Ct))!;
        foreach (var feature in collection["features"]!.AsArray())
        {
            feature!["properties"]!["code"] = $"MAP-{feature["properties"]!["code"]}";
            foreach (var position in feature["geometry"]!["coordinates"]![0]![0]!.AsArray())
            {
                var (x, y) = system.FromWgs84(position![0]!.GetValue<double>(), position[1]!.GetValue<double>());
                (position[0], position[1]) = (x, y);
            }
        }

        var file = Path.Combine(Directory.CreateTempSubdirectory().FullName, "parcels.geojson");
        await File.WriteAllTextAsync(file, collection.ToJsonString(), Ct);

        var (exit, _, errors) = await RunAsync(database, new ImportRequest(file, Crs: crs));

        Assert.True(exit == ImportCommand.Success, errors);
        var worst = await database.ScalarAsync<double>("""
            SELECT max(ST_HausdorffDistance(ST_Transform(m.boundary, 4544), ST_Transform(p.boundary, 4544)))
            FROM land_parcels m JOIN land_parcels p ON m.code = 'MAP-' || p.code
            """);
        Assert.InRange(worst, 0, 0.01);
        Assert.Equal(21, await database.ScalarAsync<long>("SELECT count(*) FROM land_parcels WHERE code LIKE 'MAP-%'"));
    }

    [Theory]
    [InlineData("parcels.geojsonl", 3)]
    [InlineData("parcels-rs.geojsons", 3)]
    [InlineData("single-feature.geojson", 1)]
    public async Task Import_FeatureSequencesAndSingleFeatures_AreRead(string fixture, int expected)
    {
        await using var database = await LoadedDatabaseAsync(server);

        var (exit, output, errors) = await RunAsync(database, Fixture(fixture), ParcelImport.Layer);

        Assert.True(exit == ImportCommand.Success, errors);
        Assert.Equal(new Counts(expected, expected, 0, 0, 0, 0), Counts.Of(output, "parcels"));
        Assert.Equal(expected, await database.ScalarAsync<long>("SELECT count(*) FROM land_parcels WHERE code LIKE 'FIX-%'"));
    }
}
