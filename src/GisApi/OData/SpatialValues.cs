using System.Globalization;
using LandInventory.Data.Spatial;
using Microsoft.OData;
using Microsoft.Spatial;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using NtsGeometry = NetTopologySuite.Geometries.Geometry;

namespace LandInventory.GisApi.OData;

/// <summary>
/// OData's spatial values (Microsoft.Spatial) to and from the inventory's NetTopologySuite geometries, through
/// well-known text, which both read and write longitude first. A literal is checked before it reaches a query: a
/// literal that is not WGS84, not valid or too large is the client's error, said in an OData 400.
/// </summary>
public static class SpatialValues
{
    /// <summary>Far more than a hand-drawn search polygon needs; a URL could hardly carry more.</summary>
    public const int MaxLiteralVertices = 1000;

    private static readonly WellKnownTextSqlFormatter Wkt = WellKnownTextSqlFormatter.Create(allowOnlyTwoDimensions: true);

    private static readonly WKTReader Reader = new(Geo.Factory.GeometryServices);

    public static NtsGeometry FromLiteral(ISpatial literal)
    {
        if (literal is not Geography geography)
        {
            throw new ODataException("geometry literals are planar and have no place here: use geography'SRID=4326;…' "
                + "with longitude latitude coordinates");
        }

        if (geography.CoordinateSystem.EpsgId != Geo.Srid)
        {
            throw new ODataException(string.Create(CultureInfo.InvariantCulture,
                $"geography literal: SRID {geography.CoordinateSystem.EpsgId} is not supported; use SRID={Geo.Srid} (WGS 84, longitude latitude)"));
        }

        var text = Wkt.Write(geography);
        var shape = Reader.Read(text[(text.IndexOf(';', StringComparison.Ordinal) + 1)..]);
        shape.SRID = Geo.Srid;
        var kind = shape.GeometryType;
        if (shape.IsEmpty)
        {
            throw new ODataException($"geography literal {kind}: it is empty");
        }

        if (shape.NumPoints > MaxLiteralVertices)
        {
            throw new ODataException(string.Create(CultureInfo.InvariantCulture,
                $"geography literal {kind}: {shape.NumPoints} vertices, at most {MaxLiteralVertices} are allowed"));
        }

        var box = shape.EnvelopeInternal;
        if (box.MinX < -180 || box.MaxX > 180 || box.MinY < -90 || box.MaxY > 90)
        {
            throw new ODataException($"geography literal {kind}: coordinates must be longitude (-180..180) then latitude (-90..90)");
        }

        if (Geo.Invalidity(shape) is { } why)
        {
            throw new ODataException($"geography literal {kind}: invalid, {why}");
        }

        return shape;
    }

    private static readonly Microsoft.Spatial.CoordinateSystem Wgs84 = Microsoft.Spatial.CoordinateSystem.Geography(Geo.Srid);

    /// <summary>
    /// The inventory's shapes (points and multipolygons) built coordinate by coordinate, which is several times faster
    /// than through text, as every entity of a page needs it; anything else through well-known text.
    /// </summary>
    public static Geography ToOData(NtsGeometry geometry) => geometry switch
    {
        Point p => GeographyFactory.Point(Wgs84, p.Y, p.X).Build(),
        MultiPolygon multi => Polygons(GeographyFactory.MultiPolygon(Wgs84), multi).Build(),
        Polygon polygon => Rings(GeographyFactory.Polygon(Wgs84), polygon).Build(),
        _ => Wkt.Read<Geography>(new StringReader(string.Create(CultureInfo.InvariantCulture, $"SRID={Geo.Srid};{geometry.AsText()}"))),
    };

    private static GeographyFactory<GeographyMultiPolygon> Polygons(GeographyFactory<GeographyMultiPolygon> factory, MultiPolygon multi)
    {
        foreach (var polygon in multi.Geometries.Cast<Polygon>())
        {
            Rings(factory.Polygon(), polygon);
        }

        return factory;
    }

    private static GeographyFactory<T> Rings<T>(GeographyFactory<T> factory, Polygon polygon)
        where T : Geography
    {
        foreach (var ring in new[] { polygon.Shell }.Concat(polygon.Holes))
        {
            var points = ring.CoordinateSequence;
            factory.Ring(points.GetY(0), points.GetX(0));
            for (var i = 1; i < points.Count; i++)
            {
                factory.LineTo(points.GetY(i), points.GetX(i));
            }
        }

        return factory;
    }
}
