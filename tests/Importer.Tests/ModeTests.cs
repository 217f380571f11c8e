using LandInventory.Import;
using LandInventory.Import.Parcels;
using System.Text.Json;
using System.Text.Json.Nodes;
using LandInventory.PostGis.Testing;
using static LandInventory.Importer.Tests.ImporterHarness;

namespace LandInventory.Importer.Tests;

/// <summary>Dry run, replace, skip-invalid and the JSON report, each against a database holding the inventory.</summary>
public sealed class ModeTests(PostGisServer server)
{
    [Fact]
    public async Task DryRun_PrintsEveryChangeByField_AndWritesNothing()
    {
        await using var database = await LoadedDatabaseAsync(server);
        var before = await database.ScalarAsync<string>(StateSql);
        var file = await EditedParcelsAsync(features =>
        {
            features[0]!["properties"]!["status"] = "reserved";
            features[0]!["properties"]!["startingPrice"] = 999.5;
            features.RemoveAt(1);
            var added = features[2]!.DeepClone();
            added["properties"]!["code"] = "LQ-NEW:2026-01";
            features.Add(added);
        });

        var (exit, output, _) = await RunAsync(database, new ImportRequest(file, DryRun: true, Mode: ImportMode.Replace));

        Assert.Equal(ImportCommand.Success, exit);
        Assert.Contains("~ parcels LQ04(252):2025-01 changed: startingPrice, status", output, StringComparison.Ordinal);
        Assert.Contains("+ parcels LQ-NEW:2026-01 added", output, StringComparison.Ordinal);
        Assert.Contains("- parcels LQ04(252):2025-02 removed", output, StringComparison.Ordinal);
        Assert.Equal(new Counts(21, 1, 1, 19, 1, 0), Counts.Of(output, "parcels"));
        Assert.Contains("dry run: nothing was written.", output, StringComparison.Ordinal);
        Assert.Equal(before, await database.ScalarAsync<string>(StateSql));
    }

    [Fact]
    public async Task Replace_RemovesWhatTheFileNoLongerHas_UpsertKeepsIt()
    {
        await using var database = await LoadedDatabaseAsync(server);
        var file = await EditedParcelsAsync(features => features.RemoveAt(20));

        var (upsertExit, upsert, _) = await RunAsync(database, new ImportRequest(file));
        Assert.Equal(ImportCommand.Success, upsertExit);
        Assert.Equal(21, await database.ScalarAsync<long>("SELECT count(*) FROM land_parcels"));

        var (exit, output, errors) = await RunAsync(database, new ImportRequest(file, Mode: ImportMode.Replace));

        Assert.True(exit == ImportCommand.Success, errors);
        Assert.Equal(new Counts(20, 0, 0, 20, 1, 0), Counts.Of(output, "parcels"));
        Assert.Equal(new Counts(20, 0, 0, 20, 0, 0), Counts.Of(upsert, "parcels"));
        Assert.Equal(0, await database.ScalarAsync<long>("SELECT count(*) FROM land_parcels WHERE code = 'LQ18(211):2025-08'"));
    }

    [Fact]
    public async Task Replace_OfCarriersThatBuildingsStillUse_IsRefused_AndChangesNothing()
    {
        await using var database = await LoadedDatabaseAsync(server);
        var before = await database.ScalarAsync<string>(StateSql);
        var collection = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryFiles.Data("carriers.geojson"), Ct))!;
        var features = collection["features"]!.AsArray();
        features.RemoveAt(2); // JK-ZT-003: four buildings belong to it
        var file = Path.Combine(Directory.CreateTempSubdirectory().FullName, "carriers.geojson");
        await File.WriteAllTextAsync(file, collection.ToJsonString(), Ct);

        var (exit, _, errors) = await RunAsync(database, new ImportRequest(file, Mode: ImportMode.Replace));

        Assert.Equal(ImportCommand.InvalidInput, exit);
        Assert.Contains("replace would remove records that others still point to (buildings", errors, StringComparison.Ordinal);
        Assert.Equal(before, await database.ScalarAsync<string>(StateSql));
    }

    [Fact]
    public async Task SkipInvalid_ImportsTheValidFeatures_AndReportsTheRest()
    {
        await using var database = await LoadedDatabaseAsync(server);
        var report = Path.Combine(Directory.CreateTempSubdirectory().FullName, "report.json");

        var (exit, output, errors) = await RunAsync(database, new ImportRequest(
            Fixture("parcels-with-mistakes.geojson"), ParcelImport.Layer, SkipInvalid: true, ReportPath: report));

        Assert.Equal(ImportCommand.Success, exit);
        Assert.Equal(new Counts(3, 1, 0, 0, 0, 2), Counts.Of(output, "parcels"));
        Assert.Contains("feature #2 (FIX-BOWTIE-03), geometry: invalid geometry", errors, StringComparison.Ordinal);
        Assert.Contains("written, without the 2 rejected feature(s)", output, StringComparison.Ordinal);
        Assert.Equal(1, await database.ScalarAsync<long>("SELECT count(*) FROM land_parcels WHERE code = 'FIX-VALID-01'"));

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report, Ct));
        var root = json.RootElement;
        Assert.True(root.GetProperty("written").GetBoolean());
        Assert.Equal(1, root.GetProperty("layers")[0].GetProperty("inserted").GetInt32());
        Assert.Equal("added", root.GetProperty("layers")[0].GetProperty("changes")[0].GetProperty("change").GetString());
        Assert.Equal(root.GetProperty("problemCount").GetInt32(), root.GetProperty("problems").GetArrayLength());
        Assert.Contains(root.GetProperty("problems").EnumerateArray(), p =>
            p.GetProperty("featureIndex").GetInt32() == 1 && p.GetProperty("field").GetString() == "status");
    }

    private static async Task<string> EditedParcelsAsync(Action<JsonArray> edit)
    {
        var collection = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryFiles.Data("parcels.geojson"), Ct))!;
        edit(collection["features"]!.AsArray());
        var file = Path.Combine(Directory.CreateTempSubdirectory().FullName, "parcels.geojson");
        await File.WriteAllTextAsync(file, collection.ToJsonString(), Ct);
        return file;
    }
}
