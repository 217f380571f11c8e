using LandInventory.Import;
using LandInventory.Importer.Benchmarks;
using LandInventory.Import.Writing;
using LandInventory.PostGis.Testing;
using static LandInventory.Importer.Tests.ImporterHarness;

namespace LandInventory.Importer.Tests;

/// <summary>The bulk path (indexes and foreign keys set aside during a large load) leaves the schema as it found it.</summary>
public sealed class BulkLoadTests(PostGisServer server)
{
    /// <summary>Every index and constraint of the layer tables, by name and definition.</summary>
    private const string SchemaSql = """
        SELECT string_agg(d, E'\n' ORDER BY d) FROM (
          SELECT indexrelid::regclass::text || ' ' || pg_get_indexdef(indexrelid) AS d FROM pg_index
          WHERE indrelid IN ('areas'::regclass, 'land_parcels'::regclass, 'industrial_carriers'::regclass, 'buildings'::regclass)
          UNION ALL
          SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
          WHERE conrelid IN ('areas'::regclass, 'land_parcels'::regclass, 'industrial_carriers'::regclass, 'buildings'::regclass)) s
        """;

    [Fact]
    public async Task LargeImport_TakesTheBulkPath_AndRestoresEveryIndexAndForeignKey()
    {
        await using var database = await LoadedDatabaseAsync(server);
        var schema = await database.ScalarAsync<string>(SchemaSql);
        var file = Path.Combine(Directory.CreateTempSubdirectory().FullName, "parcels.geojson");
        ParcelFileGenerator.FromAreasFile(RepositoryFiles.Data("areas.geojson")).Write(file, BulkLoad.MinRows + 500);

        var (exit, output, errors) = await RunAsync(database, file);

        Assert.True(exit == ImportCommand.Success, errors);
        Assert.Equal(BulkLoad.MinRows + 500, Counts.Of(output, "parcels").Inserted);
        Assert.Equal(schema, await database.ScalarAsync<string>(SchemaSql));
        Assert.Contains("fk_land_parcels_areas_area_id", schema, StringComparison.Ordinal);
        Assert.Contains("USING gist (boundary)", schema, StringComparison.Ordinal);
        // The restored foreign key is enforced again.
        var e = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => database.ScalarAsync<int>(
            "UPDATE land_parcels SET area_id = 'nowhere' WHERE code = 'GEN-0000001' RETURNING 1"));
        Assert.Equal("fk_land_parcels_areas_area_id", e.ConstraintName);
    }
}
