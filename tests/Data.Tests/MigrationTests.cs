using LandInventory.PostGis.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace LandInventory.Data.Tests;

public sealed class MigrationTests(PostGisServer server)
{
    /// <summary>Every geometry column: its type and SRID in the column definition, and a GiST index on it.</summary>
    private const string GeometryColumnsSql = """
        SELECT string_agg(format('%s.%s %s(%s) gist=%s', g.f_table_name, g.f_geometry_column, g.type, g.srid,
               EXISTS (SELECT FROM pg_indexes i WHERE i.tablename = g.f_table_name
                       AND i.indexdef LIKE format('%%USING gist (%s)', g.f_geometry_column))), '; '
               ORDER BY g.f_table_name, g.f_geometry_column)
        FROM geometry_columns g WHERE g.f_table_schema = 'public'
        """;

    /// <summary>The schema as text: columns, constraints, indexes, triggers; equal text means an unchanged schema.</summary>
    private const string SchemaSql = """
        SELECT concat_ws(E'\n',
          (SELECT string_agg(format('%s.%s %s %s %s', table_name, column_name, udt_name, is_nullable, column_default), E'\n'
                  ORDER BY table_name, column_name) FROM information_schema.columns WHERE table_schema = 'public'),
          (SELECT string_agg(pg_get_constraintdef(oid), E'\n' ORDER BY conname) FROM pg_constraint
                  WHERE connamespace = 'public'::regnamespace),
          (SELECT string_agg(indexdef, E'\n' ORDER BY indexname) FROM pg_indexes WHERE schemaname = 'public'),
          (SELECT string_agg(tgname, E'\n' ORDER BY tgname) FROM pg_trigger WHERE NOT tgisinternal),
          (SELECT count(*)::text FROM stewards))
        """;

    [Fact]
    public async Task Migrations_OnEmptyPostGis_CreateTypedGeometryColumnsWithGistIndexes()
    {
        await using var database = await EmptyDatabase.CreateAsync(server);
        await using var db = database.CreateContext();
        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);

        var columns = await database.ScalarAsync<string>(GeometryColumnsSql);
        Assert.Equal(
            "areas.boundary MULTIPOLYGON(4326) gist=t; buildings.footprint MULTIPOLYGON(4326) gist=t; "
            // The history is read by feature and time, never searched spatially: no GiST index to keep up on every write.
            + "feature_history.new_geometry GEOMETRY(4326) gist=f; feature_history.old_geometry GEOMETRY(4326) gist=f; "
            + "industrial_carriers.location POINT(4326) gist=t; industrial_carriers.site_boundary MULTIPOLYGON(4326) gist=t; "
            + "land_parcels.boundary MULTIPOLYGON(4326) gist=t; places.location POINT(4326) gist=t",
            columns);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Migrations_AppliedTwice_ChangeNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await EmptyDatabase.CreateAsync(server);
        await using var db = database.CreateContext();
        await db.Database.MigrateAsync(ct);
        var before = await database.ScalarAsync<string>(SchemaSql);

        await db.Database.MigrateAsync(ct);

        Assert.Equal(before, await database.ScalarAsync<string>(SchemaSql));
        Assert.Contains("ck_land_parcels_lease_term", await database.ScalarAsync<string>(
            "SELECT string_agg(conname, ',') FROM pg_constraint"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrations_RevertedToZero_LeaveNoTable_AndApplyAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await EmptyDatabase.CreateAsync(server);
        await using var db = database.CreateContext();
        var migrator = db.GetInfrastructure().GetRequiredService<IMigrator>();
        await migrator.MigrateAsync(cancellationToken: ct);
        var applied = await database.ScalarAsync<string>(SchemaSql);

        await migrator.MigrateAsync(Migration.InitialDatabase, cancellationToken: ct);
        Assert.Equal(0L, await database.ScalarAsync<long>(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('spatial_ref_sys', '__ef_migrations_history')"));

        await migrator.MigrateAsync(cancellationToken: ct);
        Assert.Equal(applied, await database.ScalarAsync<string>(SchemaSql));
    }
}
