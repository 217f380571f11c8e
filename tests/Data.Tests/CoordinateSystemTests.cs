using LandInventory.Data.Spatial;
using LandInventory.PostGis.Testing;
using Npgsql;

namespace LandInventory.Data.Tests;

/// <summary>Our transforms (ProjNet, GCJ-02/BD-09 formulas) checked against PostGIS's own ST_Transform, to 1 cm.</summary>
public sealed class CoordinateSystemTests(InventoryTestDatabase database) : IClassFixture<InventoryTestDatabase>
{
    private const double Centimetre = 0.01;

    /// <summary>An ArcGIS .prj of EPSG:4544, with ESRI's names (Gauss_Kruger, D_China_2000 ...).</summary>
    private const string EsriPrj4544 = """
        PROJCS["CGCS2000_3_Degree_GK_CM_105E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",105.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]
        """;

    public static TheoryData<int> ProjectedCodes => [4544, 4523, 4507, 4496, 4543, 4522, 4545, 4524, 3857];

    [Theory]
    [MemberData(nameof(ProjectedCodes))]
    public async Task EpsgTransforms_BothWays_AgreeWithPostGisToOneCentimetre(int code)
    {
        var crs = CoordinateSystem.Parse($"EPSG:{code}");
        await using var connection = await database.OpenAsync();
        foreach (var (lon, lat) in ChengduGrid())
        {
            var (x, y) = await PostGisTransformAsync(connection, lon, lat, 4326, code);

            var (ourX, ourY) = crs.FromWgs84(lon, lat);
            Assert.True(Math.Abs(ourX - x) < Centimetre && Math.Abs(ourY - y) < Centimetre,
                $"EPSG:{code} forward at ({lon}, {lat}): ours ({ourX:F4}, {ourY:F4}), PostGIS ({x:F4}, {y:F4})");

            var (backLon, backLat) = crs.ToWgs84(x, y);
            Assert.True(Metres(backLon, backLat, lon, lat) < Centimetre,
                $"EPSG:{code} inverse of ({x:F4}, {y:F4}): ours ({backLon:F9}, {backLat:F9}), expected ({lon}, {lat})");
        }
    }

    [Fact]
    public void Epsg4544_AtDongAnLake_MatchesTheGdalReference()
    {
        // ../shared/geo.md: ProjNet checked against GDAL, (104.27 E, 30.58 N) → E 429977.2811, N 3384637.6053.
        var (e, n) = CoordinateSystem.Parse("urn:ogc:def:crs:EPSG::4544").FromWgs84(104.27, 30.58);
        Assert.Equal(429977.2811, e, 0.001);
        Assert.Equal(3384637.6053, n, 0.001);
    }

    [Fact]
    public void EsriGaussKrugerPrj_ReadsAs4544()
    {
        var esri = CoordinateSystem.Parse(EsriPrj4544);
        var epsg = CoordinateSystem.Parse("EPSG:4544");
        Assert.Equal("CGCS2000_3_Degree_GK_CM_105E", esri.Name);
        foreach (var (lon, lat) in ChengduGrid())
        {
            var (x1, y1) = esri.FromWgs84(lon, lat);
            var (x2, y2) = epsg.FromWgs84(lon, lat);
            Assert.True(Math.Abs(x1 - x2) < 0.001 && Math.Abs(y1 - y2) < 0.001, $"({lon}, {lat}): {x1},{y1} vs {x2},{y2}");
        }
    }

    [Theory]
    [InlineData("gcj02", 100, 1000)]
    [InlineData("bd09", 500, 2000)]
    public void ChineseMapOffsets_InvertTheirForwardFormula_ToOneCentimetre(string name, double minOffset, double maxOffset)
    {
        var crs = CoordinateSystem.Parse(name);
        foreach (var (lon, lat) in ChengduGrid())
        {
            var (x, y) = crs.FromWgs84(lon, lat);
            Assert.InRange(Metres(x, y, lon, lat), minOffset, maxOffset);
            var (backLon, backLat) = crs.ToWgs84(x, y);
            Assert.True(Metres(backLon, backLat, lon, lat) < Centimetre, $"{name} round trip at ({lon}, {lat})");
        }
    }

    [Theory]
    [InlineData("EPSG:9999", "EPSG:9999 is not supported. Supported: EPSG:3857")]
    [InlineData("EPSG:4497", "EPSG:4497 is not supported")]
    [InlineData("WGS84 please", "is not a coordinate system name we read")]
    [InlineData("PROJCS[\"broken\",", "the WKT of broken could not be read")]
    public void Parse_UnknownOrUnsupported_SaysWhatIsSupported(string text, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => CoordinateSystem.Parse(text));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("EPSG:4326")]
    [InlineData("urn:ogc:def:crs:OGC:1.3:CRS84")]
    [InlineData("http://www.opengis.net/def/crs/EPSG/0/4490")]
    public void GeographicSystems_LeaveCoordinatesAsTheyAre(string name)
    {
        var crs = CoordinateSystem.Parse(name);
        Assert.True(crs.IsGeographic);
        Assert.Equal((104.27, 30.58), crs.ToWgs84(104.27, 30.58));
    }

    /// <summary>A 5 × 5 grid over Chengdu, from its western counties to Jianyang.</summary>
    private static IEnumerable<(double Lon, double Lat)> ChengduGrid() =>
        from i in Enumerable.Range(0, 5)
        from j in Enumerable.Range(0, 5)
        select (103.5 + (i * 0.35), 30.2 + (j * 0.2));

    private static async Task<(double X, double Y)> PostGisTransformAsync(
        NpgsqlConnection connection, double x, double y, int from, int to)
    {
        await using var command = new NpgsqlCommand(
            "SELECT ST_X(p), ST_Y(p) FROM ST_Transform(ST_SetSRID(ST_MakePoint(@x, @y), @from), @to) AS p", connection);
        command.Parameters.AddWithValue("x", x);
        command.Parameters.AddWithValue("y", y);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        await reader.ReadAsync(TestContext.Current.CancellationToken);
        return (reader.GetDouble(0), reader.GetDouble(1));
    }

    /// <summary>Distance in metres between two nearby lon/lat points (local flat approximation, ample at 1 cm).</summary>
    private static double Metres(double lon1, double lat1, double lon2, double lat2)
    {
        var dy = (lat1 - lat2) * 110_574;
        var dx = (lon1 - lon2) * 111_320 * Math.Cos(lat2 * Math.PI / 180);
        return Math.Sqrt((dx * dx) + (dy * dy));
    }
}
