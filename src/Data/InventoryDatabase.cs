using LandInventory.Data.Buildings;
using LandInventory.Data.Carriers;
using LandInventory.Data.Parcels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace LandInventory.Data;

/// <summary>How the API, the importer, the tests and the EF tools reach the inventory: one set-up for all of them.</summary>
public static class InventoryDatabase
{
    /// <summary>The configuration key every entry point reads (environment: <c>ConnectionStrings__Inventory</c>).</summary>
    public const string ConnectionStringName = "Inventory";

    /// <summary>The pooled context, its connection string read from the services when the pool first makes one (bound settings).</summary>
    public static IServiceCollection AddInventoryData(this IServiceCollection services, Func<IServiceProvider, string> connectionString) =>
        services.AddDbContextPool<InventoryDbContext>((provider, options) => options.UseInventory(connectionString(provider)));

    public static DbContextOptionsBuilder UseInventory(this DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(connectionString, MapTypes)
            .UseSnakeCaseNamingConvention()
            // A bounded count (numberMatched up to a limit: Take, then Count) needs no order, and ordering it would make
            // PostgreSQL sort every match; the pages themselves always end their order with the key.
            .ConfigureWarnings(w => w.Ignore(CoreEventId.RowLimitingOperationWithoutOrderByWarning));

    /// <summary>A context outside dependency injection (importer, tests).</summary>
    public static InventoryDbContext CreateContext(string connectionString)
    {
        var options = new DbContextOptionsBuilder<InventoryDbContext>();
        options.UseInventory(connectionString);
        return new InventoryDbContext(options.Options);
    }

    /// <summary>The name the connection pool reports itself by (metrics): never its connection string, which names host, database and user.</summary>
    public const string PoolName = "inventory";

    private static void MapTypes(NpgsqlDbContextOptionsBuilder npgsql)
    {
        npgsql.ConfigureDataSource(source => source.Name = PoolName);
        npgsql.UseNetTopologySuite();
        // PostgreSQL enums: the database itself refuses a status or land use that does not exist.
        npgsql.MapEnum<LandUse>();
        npgsql.MapEnum<LandUseScheme>();
        npgsql.MapEnum<PriceBasis>();
        npgsql.MapEnum<SupplyMethod>();
        npgsql.MapEnum<ParcelStatus>();
        npgsql.MapEnum<CarrierKind>();
        npgsql.MapEnum<Industry>();
        npgsql.MapEnum<CarrierStatus>();
        npgsql.MapEnum<BuildingCategory>();
        npgsql.MapEnum<Places.PlaceKind>();
        npgsql.MapEnum<Inquiries.InquiryStatus>();
        npgsql.MigrationsHistoryTable("__ef_migrations_history");
    }
}
