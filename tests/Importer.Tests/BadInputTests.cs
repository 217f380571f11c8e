using LandInventory.Import;
using LandInventory.Import.Parcels;
using LandInventory.PostGis.Testing;
using static LandInventory.Importer.Tests.ImporterHarness;

namespace LandInventory.Importer.Tests;

/// <summary>
/// Each kind of bad input, from a named fixture file: the importer exits 1, says what is wrong and where, and leaves the
/// database exactly as it was (every row, timestamps included).
/// </summary>
public sealed class BadInputTests(PostGisServer server)
{
    public static TheoryData<string, string> Cases => new()
    {
        { "truncated.geojson", "truncated.geojson: (file): not valid GeoJSON (line 2, byte 1)" },
        { "truncated-feature.geojsonl", "truncated-feature.geojsonl: (file): not valid GeoJSON (line 1, byte 69)" },
        { "not-geojson.json", "not-geojson.json: (file): not valid GeoJSON: not GeoJSON: the object has no 'type' member" },
        { "parcels-as-points.geojson", "feature #0 (FIX-POINT-01), geometry: must be a MultiPolygon, got Point" },
        { "unknown-crs.geojson", "unknown-crs.geojson: crs: EPSG:2385 is not supported. Supported: EPSG:3857" },
        { "self-intersecting-ring.geojson", "feature #0 (FIX-BOWTIE-01), geometry: invalid geometry: Self-intersection at (104.256, 30.587)" },
        { "unclosed-ring.geojson", "feature #0 (FIX-OPEN-01), geometry: a ring is not closed: its last position must repeat its first" },
        { "swapped-axes-4544.geojson", "feature #0 (FIX-SWAP-01), geometry: (3385363.579, 428523.592) in EPSG:4544 falls at" },
        { "swapped-axes-4544.geojson", "x and y look swapped (northing first, as survey tables list them)" },
        { "zone-prefix-declared-4544.geojson", "they look like EPSG:4523 (the easting carries zone prefix 35): pass --crs EPSG:4523" },
        { "latlon-swapped-4326.geojson", "feature #0 (FIX-LATLON-01), geometry: (30.586462, 104.254796) in EPSG:4326 falls at" },
        { "latlon-swapped-4326.geojson", "longitude and latitude look swapped (lat, lon order): GeoJSON wants lon, lat" },
        { "positions-with-elevation.geojson", "feature #0 (FIX-3D-01), geometry: not a readable GeoJSON geometry: positions must be [x, y]; [104.254796, 30.586462, 512.0] has 3 values (elevation is not stored: remove it)" },
        { "parcels-duplicate-code.geojson", "feature #1 (LQ04(252):2025-01), code: \"LQ04(252):2025-01\" is already used by feature #0 of this file" },
        { "missing-required.geojson", "feature #0 (FIX-MISSING-01), netSiteAreaSqm: missing (required)" },
        { "missing-required.geojson", "feature #0 (FIX-MISSING-01), status: missing (required)" },
        { "string-for-number.geojson", "feature #0 (FIX-STRING-01), netSiteAreaSqm: must be a number, got string 45216.70" },
        { "empty-collection.geojson", "empty-collection.geojson: features: the file holds no features" },
        { "parcel-outside-its-area.geojson", "feature #0 (FIX-OUTSIDE-01), areaId: the parcel is not inside its area \"shiling\": 100.0% of it lies outside; it lies in \"dongan-lake\"" },
        { "parcel-in-unknown-area.geojson", "feature #0 (FIX-NOWHERE-01), areaId: no area \"nowhere\" (known: damian-donghong, dongan-lake, shiling)" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Import_BadInput_ExitsOne_SaysWhatAndWhere_AndLeavesTheDatabaseAsItWas(string fixture, string expected)
    {
        await using var database = await LoadedDatabaseAsync(server);
        var before = await database.ScalarAsync<string>(StateSql);

        var (exit, _, errors) = await RunAsync(database, Fixture(fixture), ParcelImport.Layer);

        Assert.Equal(ImportCommand.InvalidInput, exit);
        Assert.Contains(expected, errors, StringComparison.Ordinal);
        Assert.Equal(before, await database.ScalarAsync<string>(StateSql));
    }

    [Fact]
    public async Task Import_GeometryWithTooManyVertices_IsRefused_NamingTheFeature()
    {
        await using var database = await LoadedDatabaseAsync(server);
        var before = await database.ScalarAsync<string>(StateSql);
        // One of the zone's parcels, its boundary traced with 100 001 vertices (a circle inside it, from PostGIS).
        var feature = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(RepositoryFiles.Data("parcels.geojson")))!["features"]![0]!;
        var circle = await database.ScalarAsync<string>("""
            SELECT ST_AsGeoJSON(ST_Multi(ST_MakePolygon(ST_MakeLine(ARRAY(
                SELECT ST_Project(ST_Centroid(boundary)::geography, 20, radians(360.0 * i / 100000))::geometry
                FROM generate_series(0, 100000) i)))), 9)
            FROM land_parcels WHERE code = 'LQ04(252):2025-01'
            """);
        feature["geometry"] = System.Text.Json.Nodes.JsonNode.Parse(circle);
        var file = Path.Combine(Path.GetTempPath(), $"parcels-vertices-{Guid.NewGuid():N}.geojson");
        await File.WriteAllTextAsync(file, $"{{\"type\":\"FeatureCollection\",\"features\":[{feature.ToJsonString()}]}}", Ct);
        try
        {
            var (exit, _, errors) = await RunAsync(database, file, ParcelImport.Layer);

            Assert.Equal(ImportCommand.InvalidInput, exit);
            Assert.Contains("feature #0 (LQ04(252):2025-01), geometry: 100001 vertices; at most 100000 are accepted", errors, StringComparison.Ordinal);
            Assert.Equal(before, await database.ScalarAsync<string>(StateSql));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Import_FileWithSeveralMistakes_ReportsEveryOne_AndKeepsTheValidFeatureOut()
    {
        await using var database = await LoadedDatabaseAsync(server);
        var before = await database.ScalarAsync<string>(StateSql);

        var (exit, _, errors) = await RunAsync(database, Fixture("parcels-with-mistakes.geojson"), ParcelImport.Layer);

        Assert.Equal(ImportCommand.InvalidInput, exit);
        foreach (var expected in new[]
                 {
                     "feature #1 (FIX-MISTAKES-02), netSiteAreaSqm: missing (required)",
                     "feature #1 (FIX-MISTAKES-02), netSiteArea: unknown property for this layer (misspelt?)",
                     "feature #1 (FIX-MISTAKES-02), status: \"sold\" is not one of: available, reserved, underNegotiation, transferred, withdrawn",
                     "feature #2 (FIX-BOWTIE-03), leaseTermYears: must be a whole number from 1 to 70, got 71",
                     "feature #2 (FIX-BOWTIE-03), geometry: invalid geometry: Self-intersection at (104.275, 30.595)",
                 })
        {
            Assert.Contains(expected, errors, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("feature #0", errors, StringComparison.Ordinal);
        Assert.Equal(before, await database.ScalarAsync<string>(StateSql));
    }

    [Fact]
    public async Task Import_UnknownCrsOption_ExitsOne_ListingWhatIsSupported()
    {
        await using var database = await InventoryTestDatabase.CreateAsync(server);

        var (exit, _, errors) = await RunAsync(database, new ImportRequest(Fixture("parcels-4544.geojson"), ParcelImport.Layer, Crs: "EPSG:9999"));

        Assert.Equal(ImportCommand.InvalidInput, exit);
        Assert.Contains("EPSG:9999 is not supported. Supported: EPSG:3857, EPSG:4326, EPSG:4490, EPSG:4496", errors, StringComparison.Ordinal);
    }
}
