using LandInventory.PostGis.Testing;
using Microsoft.EntityFrameworkCore;

namespace LandInventory.Data.Tests;

/// <summary>
/// Beside each layer version the database records where that statement changed the layer: the box of the old and new
/// geometries, as PostGIS measures them. Caches of places (bbox pages, tiles) rely on it.
/// </summary>
public sealed class LayerChangeTests(InventoryTestDatabase database) : IClassFixture<InventoryTestDatabase>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AMove_RecordsTheBoxOfWhereTheBoundaryWasAndWhereItWent()
    {
        var (area, parcel) = (Samples.Area($"area-{Guid.NewGuid():N}"), Samples.Parcel($"P-{Guid.NewGuid():N}"));
        parcel.AreaId = area.Id;
        parcel.Boundary = Samples.Square(104.20, 30.60);
        await using (var db = database.CreateContext())
        {
            db.AddRange(area, parcel);
            await db.SaveChangesAsync(Ct);
        }

        var was = await BoundaryBoxAsync(parcel.Code);
        var inserted = await LastChangeAsync();
        Assert.Equal(was, Box(inserted));

        await database.ScalarAsync<int>(
            "UPDATE land_parcels SET boundary = ST_Translate(boundary, 0.05, 0.02) WHERE code = @code RETURNING 1", ("code", parcel.Code));

        var moved = await LastChangeAsync();
        var goes = await BoundaryBoxAsync(parcel.Code);
        Assert.Equal(inserted.Version + 1, moved.Version);
        Assert.Equal(await database.ScalarAsync<long>("SELECT version FROM layer_versions WHERE layer = 'land_parcels'"), moved.Version);
        // One box over both: from the old south-west corner to the new north-east one.
        Assert.Equal((was.MinX, was.MinY, goes.MaxX, goes.MaxY), Box(moved));
        Assert.True(goes.MinX > was.MaxX);
    }

    [Fact]
    public async Task AStatementThatChangesNoRow_RecordsNothing_AndATruncate_RecordsAChangeAnywhere()
    {
        const string Version = "SELECT version FROM layer_versions WHERE layer = 'buildings'";
        var before = await database.ScalarAsync<long>(Version);
        var lastBefore = await LastChangeAsync("buildings");

        await database.ScalarAsync<int>("DELETE FROM buildings WHERE code = 'no such building'; SELECT 1");
        Assert.Equal(before, await database.ScalarAsync<long>(Version));
        Assert.Equal(Box(lastBefore), Box(await LastChangeAsync("buildings")));
        Assert.Equal(lastBefore.Version, (await LastChangeAsync("buildings")).Version);

        await database.ScalarAsync<int>("TRUNCATE buildings; SELECT 1");
        var truncated = await LastChangeAsync("buildings");
        Assert.Equal(before + 1, truncated.Version);
        Assert.Null(truncated.MinX);
        Assert.Null(truncated.MaxY);
    }

    private static (double?, double?, double?, double?) Box(Versions.LayerChange c) => (c.MinX, c.MinY, c.MaxX, c.MaxY);

    private async Task<Versions.LayerChange> LastChangeAsync(string layer = "land_parcels")
    {
        await using var db = database.CreateContext();
        return await db.LayerChanges.AsNoTracking().Where(c => c.Layer == layer).OrderByDescending(c => c.Version).FirstOrDefaultAsync(Ct)
               ?? new Versions.LayerChange { Layer = layer };
    }

    /// <summary>The parcel's boundary box as PostGIS measures it.</summary>
    private async Task<(double? MinX, double? MinY, double? MaxX, double? MaxY)> BoundaryBoxAsync(string code)
    {
        var box = await database.ScalarAsync<double[]>("""
            SELECT ARRAY[ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)]
            FROM (SELECT ST_Extent(boundary) AS e FROM land_parcels WHERE code = @code) s
            """, ("code", code));
        return (box[0], box[1], box[2], box[3]);
    }
}
