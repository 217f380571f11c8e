using LandInventory.Data.Parcels;
using LandInventory.Data.Spatial;
using LandInventory.GisApi.Ogc;
using NetTopologySuite.Geometries;
using Microsoft.EntityFrameworkCore;

namespace LandInventory.GisApi.Tests;

/// <summary>The searches reach PostGIS as index-friendly predicates: the generated SQL, not only the answers.</summary>
public sealed class SearchSqlTests(InventoryApi api) : IClassFixture<InventoryApi>
{
    private static readonly Point DongAnLake = Geo.Factory.CreatePoint(new Coordinate(104.27, 30.59));

    [Fact]
    public async Task Nearest_OrdersByTheKnnOperator()
    {
        await using var db = api.Database.CreateContext();
        var layer = (FeatureLayer<LandParcel>)FeatureLayers.Find("parcels")!;

        var sql = layer.NearestCandidates(db, DongAnLake, 5).ToQueryString();

        Assert.Contains("ORDER BY l.boundary <-> @point", sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Within_UsesWithinMetres()
    {
        await using var db = api.Database.CreateContext();
        var layer = (FeatureLayer<LandParcel>)FeatureLayers.Find("parcels")!;

        var sql = layer.WithinQuery(db, DongAnLake, 2000, 100).ToQueryString();

        Assert.Matches(@"within_metres\(l\.boundary, @point\d*, @metres\)", sql);
    }
}
