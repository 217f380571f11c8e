using LandInventory.Data.Buildings;
using LandInventory.Data.Carriers;
using LandInventory.Data.Parcels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace LandInventory.Data;

/// <summary>How the API, the importer, the tests and the EF tools reach the inventory: one set-up for all of them.</summary>
public static class InventoryDatabase
{
    /// <summary>The configuration key every entry point reads (environment: <c>ConnectionStrings__Inventory</c>).</summary>
    public const string ConnectionStringName = "Inventory";

    public static DbContextOptionsBuilder UseInventory(this DbContextOptionsBuilder options, string connectionString) =>
        Configured(options.UseNpgsql(connectionString, npgsql =>
        {
            npgsql.ConfigureDataSource(source => source.Name = PoolName);
            MapTypes(npgsql);
        }));

    /// <summary>
    /// The same over a data source the caller owns (<see cref="CreateDataSource"/>): one whose idle connections it can
    /// let go of, as after the server behind it restarted.
    /// </summary>
    public static DbContextOptionsBuilder UseInventory(this DbContextOptionsBuilder options, NpgsqlDataSource dataSource) =>
        Configured(options.UseNpgsql(dataSource, MapTypes));

    /// <summary>A data source that maps the inventory's types as the contexts' do, reporting itself as <paramref name="name"/>.</summary>
    public static NpgsqlDataSource CreateDataSource(string connectionString, string name)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString) { Name = name };
        builder.UseNetTopologySuite();
        foreach (var type in Enums)
        {
            builder.MapEnum(type);
        }

        return builder.Build();
    }

    private static DbContextOptionsBuilder Configured(DbContextOptionsBuilder options) =>
        options
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

    /// <summary>PostgreSQL enums: the database itself refuses a status or land use that does not exist.</summary>
    private static readonly Type[] Enums =
    [
        typeof(LandUse), typeof(LandUseScheme), typeof(PriceBasis), typeof(SupplyMethod), typeof(ParcelStatus), typeof(CarrierKind),
        typeof(Industry), typeof(CarrierStatus), typeof(BuildingCategory), typeof(Places.PlaceKind), typeof(Inquiries.InquiryStatus),
    ];

    private static void MapTypes(NpgsqlDbContextOptionsBuilder npgsql)
    {
        npgsql.UseNetTopologySuite();
        foreach (var type in Enums)
        {
            npgsql.MapEnum(type);
        }

        npgsql.MigrationsHistoryTable("__ef_migrations_history");
    }
}
