using LandInventory.Import;
using LandInventory.Importer;
using LandInventory.PostGis.Testing;

namespace LandInventory.GisApi.Tests;

/// <summary>The zone's inventory in a test database: data/geojson through the real importer, and more of it.</summary>
internal static class InventoryData
{
    public static async Task ImportAsync(string connectionString)
    {
        var errors = new StringWriter();
        var exit = await new ImportCommand(TextWriter.Null, errors)
            .RunAsync(new ImportRequest(RepositoryFiles.DataFolder, Connection: connectionString), CancellationToken.None);
        if (exit != ImportCommand.Success)
        {
            throw new InvalidOperationException($"importing data/geojson failed: {errors}");
        }
    }

    /// <summary><paramref name="copies"/> more of each parcel, under new codes (code-1, code-2 …): pages' worth of rows.</summary>
    public static Task CopyParcelsAsync(InventoryTestDatabase database, int copies) => database.ScalarAsync<object>("""
        INSERT INTO land_parcels (code, name_zh, name_en, steward_id, area_id, land_use, land_use_code, land_use_scheme,
          net_site_area_sqm, plot_ratio_max, lease_term_years, supply_method, status, boundary)
        SELECT code || '-' || g, name_zh, name_en, steward_id, area_id, land_use, land_use_code, land_use_scheme,
          net_site_area_sqm, plot_ratio_max, lease_term_years, supply_method, status, boundary
        FROM land_parcels, generate_series(1, @copies) g
        """, ("copies", copies));
}
