using LandInventory.Import;
using System.Diagnostics;
using System.Text.Json.Nodes;
using LandInventory.PostGis.Testing;
using static LandInventory.Importer.Tests.ImporterHarness;

namespace LandInventory.Importer.Tests;

public sealed class ImportCommandTests(PostGisServer server)
{
    [Fact]
    public async Task Import_DataFolder_LoadsEveryLayer()
    {
        await using var database = await InventoryTestDatabase.CreateAsync(server);

        var (exit, output, errors) = await RunAsync(database, RepositoryFiles.DataFolder);

        Assert.True(exit == ImportCommand.Success, errors);
        Assert.Equal("3,21,20,14,24", await database.ScalarAsync<string>(
            "SELECT concat_ws(',', (SELECT count(*) FROM areas), (SELECT count(*) FROM land_parcels), "
            + "(SELECT count(*) FROM industrial_carriers), (SELECT count(*) FROM buildings), (SELECT count(*) FROM places))"));
        Assert.Equal(new Counts(82, 82, 0, 0, 0, 0), Counts.Of(output, "total"));
        Assert.Equal(CountInFile("buildings.geojson", p => p["carrierCode"] is not null), await database.ScalarAsync<long>(
            "SELECT count(*) FROM buildings b JOIN industrial_carriers c ON c.id = b.carrier_id"));
    }

    [Fact]
    public async Task Import_DataFolder_StoresTheFilesGeometriesUnchanged()
    {
        await using var database = await InventoryTestDatabase.CreateAsync(server);
        await RunAsync(database, RepositoryFiles.DataFolder);

        // PostGIS reads the file itself and compares vertex by vertex: the importer must not move, drop or reorder any.
        var differing = await database.ScalarAsync<long>("""
            SELECT count(*) FROM jsonb_array_elements(@doc::jsonb -> 'features') f
            LEFT JOIN land_parcels p ON p.code = f -> 'properties' ->> 'code'
            WHERE p.id IS NULL
               OR NOT ST_OrderingEquals(p.boundary, ST_SetSRID(ST_GeomFromGeoJSON(f -> 'geometry'), 4326))
            """, ("doc", await File.ReadAllTextAsync(RepositoryFiles.Data("parcels.geojson"), Ct)));
        Assert.Equal(0, differing);
    }

    [Fact]
    public async Task Import_Twice_ChangesNothing()
    {
        await using var database = await InventoryTestDatabase.CreateAsync(server);
        await RunAsync(database, RepositoryFiles.DataFolder);
        const string state = "SELECT string_agg(code || updated_at::text, ',' ORDER BY code) FROM land_parcels";
        var before = await database.ScalarAsync<string>(state);

        var (exit, output, _) = await RunAsync(database, RepositoryFiles.DataFolder);

        Assert.Equal(ImportCommand.Success, exit);
        Assert.Equal(new Counts(82, 0, 0, 82, 0, 0), Counts.Of(output, "total"));
        Assert.Equal(before, await database.ScalarAsync<string>(state));
    }

    [Fact]
    public async Task Import_ChangedFeature_UpdatesOnlyThatRecord()
    {
        await using var database = await InventoryTestDatabase.CreateAsync(server);
        await RunAsync(database, RepositoryFiles.DataFolder);
        var changed = Path.Combine(Directory.CreateTempSubdirectory().FullName, "parcels.geojson");
        var collection = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryFiles.Data("parcels.geojson"), Ct))!;
        var feature = collection["features"]![4]!["properties"]!;
        feature["status"] = "transferred";
        await File.WriteAllTextAsync(changed, collection.ToJsonString(), Ct);

        var (exit, output, _) = await RunAsync(database, changed);

        Assert.Equal(ImportCommand.Success, exit);
        Assert.Equal(new Counts(21, 0, 1, 20, 0, 0), Counts.Of(output, "parcels"));
        Assert.Equal("transferred", await database.ScalarAsync<string>(
            "SELECT status::text FROM land_parcels WHERE code = @code", ("code", feature["code"]!.GetValue<string>())));
    }

    [Fact]
    public async Task Import_FileNotNamedAfterALayer_WithoutLayerOption_ExitsOne()
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var exit = await new ImportCommand(output, errors)
            .RunAsync(new ImportRequest(Fixture("truncated.geojson"), Connection: "Host=unused"), Ct);

        Assert.Equal(ImportCommand.InvalidInput, exit);
        Assert.Contains("not named after a layer: say which with --layer", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_WithoutADatabase_SaysHowToReachTheOneRunShMade()
    {
        var errors = new StringWriter();
        var exit = await new ImportCommand(new StringWriter(), errors)
            .RunAsync(new ImportRequest(RepositoryFiles.DataFolder, Connection: ""), Ct);

        Assert.Equal(ImportCommand.Failure, exit);
        Assert.Contains("./run.sh import", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_UnreachableDatabase_ExitsTwo()
    {
        var errors = new StringWriter();
        var exit = await new ImportCommand(new StringWriter(), errors).RunAsync(new ImportRequest(RepositoryFiles.DataFolder,
            Connection: "Host=127.0.0.1;Port=1;Database=none;Username=none;Timeout=2"), Ct);

        Assert.Equal(ImportCommand.Failure, exit);
        Assert.Contains("nothing was written", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommandLine_WithConnectionFromEnvironment_ImportsAndExitsZero()
    {
        await using var database = await InventoryTestDatabase.CreateAsync(server);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "LandInventory.Importer.dll"), RepositoryFiles.DataFolder })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ConnectionStrings__Inventory"] = database.ConnectionString;
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(Ct);
        var errors = await process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);

        Assert.True(process.ExitCode == 0, errors);
        Assert.Equal(new Counts(82, 82, 0, 0, 0, 0), Counts.Of(output, "total"));
        Assert.Equal(21, await database.ScalarAsync<long>("SELECT count(*) FROM land_parcels"));
    }

    private static long CountInFile(string file, Func<JsonNode, bool> predicate) =>
        JsonNode.Parse(File.ReadAllText(RepositoryFiles.Data(file)))!["features"]!.AsArray()
            .Count(f => predicate(f!["properties"]!));
}
