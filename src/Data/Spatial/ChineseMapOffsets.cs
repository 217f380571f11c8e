namespace LandInventory.Data.Spatial;

/// <summary>
/// GCJ-02 ("Mars" coordinates of AMap/Gaode and Tencent) and BD-09 (Baidu): the published forward formulas from WGS84,
/// and their inverses by fixed-point iteration — the one-step inverse is off by up to about a metre here, iterating
/// brings it under a millimetre. Convert only at the edges; nothing stored is ever in these systems.
/// </summary>
public static class ChineseMapOffsets
{
    private const double A = 6378245.0; // Krasovsky 1940
    private const double Ee = 0.00669342162296594323;
    private const double XPi = Math.PI * 3000.0 / 180.0;

    public static (double Lon, double Lat) Wgs84ToGcj02(double lon, double lat)
    {
        var dLat = TransformLat(lon - 105.0, lat - 35.0);
        var dLon = TransformLon(lon - 105.0, lat - 35.0);
        var radLat = lat / 180.0 * Math.PI;
        var magic = Math.Sin(radLat);
        magic = 1 - (Ee * magic * magic);
        var sqrtMagic = Math.Sqrt(magic);
        dLat = dLat * 180.0 / (A * (1 - Ee) / (magic * sqrtMagic) * Math.PI);
        dLon = dLon * 180.0 / (A / sqrtMagic * Math.Cos(radLat) * Math.PI);
        return (lon + dLon, lat + dLat);
    }

    public static (double Lon, double Lat) Gcj02ToBd09(double lon, double lat)
    {
        var z = Math.Sqrt((lon * lon) + (lat * lat)) + (0.00002 * Math.Sin(lat * XPi));
        var theta = Math.Atan2(lat, lon) + (0.000003 * Math.Cos(lon * XPi));
        return ((z * Math.Cos(theta)) + 0.0065, (z * Math.Sin(theta)) + 0.006);
    }

    public static (double Lon, double Lat) Wgs84ToBd09(double lon, double lat)
    {
        var (gLon, gLat) = Wgs84ToGcj02(lon, lat);
        return Gcj02ToBd09(gLon, gLat);
    }

    public static (double Lon, double Lat) Gcj02ToWgs84(double lon, double lat) => Invert(Wgs84ToGcj02, lon, lat);

    public static (double Lon, double Lat) Bd09ToGcj02(double lon, double lat) => Invert(Gcj02ToBd09, lon, lat);

    public static (double Lon, double Lat) Bd09ToWgs84(double lon, double lat) => Invert(Wgs84ToBd09, lon, lat);

    /// <summary>Solves forward(p) = target for p: start at the target, move by the residual until it is below 1e-10°.</summary>
    private static (double Lon, double Lat) Invert(
        Func<double, double, (double Lon, double Lat)> forward, double lon, double lat)
    {
        var (x, y) = (lon, lat);
        for (var i = 0; i < 30; i++)
        {
            var (fx, fy) = forward(x, y);
            var (dx, dy) = (fx - lon, fy - lat);
            x -= dx;
            y -= dy;
            if (Math.Abs(dx) < 1e-10 && Math.Abs(dy) < 1e-10)
            {
                break;
            }
        }

        return (x, y);
    }

    private static double TransformLat(double x, double y)
    {
        var ret = -100.0 + (2.0 * x) + (3.0 * y) + (0.2 * y * y) + (0.1 * x * y) + (0.2 * Math.Sqrt(Math.Abs(x)));
        ret += ((20.0 * Math.Sin(6.0 * x * Math.PI)) + (20.0 * Math.Sin(2.0 * x * Math.PI))) * 2.0 / 3.0;
        ret += ((20.0 * Math.Sin(y * Math.PI)) + (40.0 * Math.Sin(y / 3.0 * Math.PI))) * 2.0 / 3.0;
        ret += ((160.0 * Math.Sin(y / 12.0 * Math.PI)) + (320 * Math.Sin(y * Math.PI / 30.0))) * 2.0 / 3.0;
        return ret;
    }

    private static double TransformLon(double x, double y)
    {
        var ret = 300.0 + x + (2.0 * y) + (0.1 * x * x) + (0.1 * x * y) + (0.1 * Math.Sqrt(Math.Abs(x)));
        ret += ((20.0 * Math.Sin(6.0 * x * Math.PI)) + (20.0 * Math.Sin(2.0 * x * Math.PI))) * 2.0 / 3.0;
        ret += ((20.0 * Math.Sin(x * Math.PI)) + (40.0 * Math.Sin(x / 3.0 * Math.PI))) * 2.0 / 3.0;
        ret += ((150.0 * Math.Sin(x / 12.0 * Math.PI)) + (300.0 * Math.Sin(x / 30.0 * Math.PI))) * 2.0 / 3.0;
        return ret;
    }
}
