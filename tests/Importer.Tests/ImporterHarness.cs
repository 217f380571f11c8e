using LandInventory.Import;
using LandInventory.PostGis.Testing;

namespace LandInventory.Importer.Tests;

/// <summary>Runs the importer in-process against a test database, and reads the database's state back.</summary>
internal static class ImporterHarness
{
    /// <summary>Every row of every layer, timestamps included, as one hash: equal before and after means untouched.</summary>
    public const string StateSql = """
        SELECT md5(concat_ws('|',
          (SELECT string_agg(t::text, ',' ORDER BY t.id) FROM areas t),
          (SELECT string_agg(t::text, ',' ORDER BY t.id) FROM land_parcels t),
          (SELECT string_agg(t::text, ',' ORDER BY t.id) FROM industrial_carriers t),
          (SELECT string_agg(t::text, ',' ORDER BY t.id) FROM buildings t)))
        """;

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static async Task<(int Exit, string Output, string Errors)> RunAsync(InventoryTestDatabase database, ImportRequest request)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var exit = await new ImportCommand(output, errors).RunAsync(request with { Connection = database.ConnectionString }, Ct);
        return (exit, output.ToString(), errors.ToString());
    }

    public static Task<(int Exit, string Output, string Errors)> RunAsync(
        InventoryTestDatabase database, string path, ImportLayer? layer = null) => RunAsync(database, new ImportRequest(path, layer));

    /// <summary>A database of its own holding data/geojson, loaded by the importer.</summary>
    public static async Task<InventoryTestDatabase> LoadedDatabaseAsync(PostGisServer server)
    {
        var database = await InventoryTestDatabase.CreateAsync(server);
        var (exit, _, errors) = await RunAsync(database, RepositoryFiles.DataFolder);
        return exit == ImportCommand.Success ? database : throw new InvalidOperationException(errors);
    }
}
