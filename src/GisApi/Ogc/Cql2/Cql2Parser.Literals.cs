using System.Globalization;
using LandInventory.Data.Spatial;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace LandInventory.GisApi.Ogc.Cql2;

/// <summary>The literals of CQL2 text: text, numbers, booleans, dates, lists, and geometries (WKT or BBOX, CRS84, bounded).</summary>
public sealed partial class Cql2Parser
{
    private static readonly string[] WktTypes = ["POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON"];

    private List<object> List()
    {
        Expect("(");
        var values = new List<object> { Literal() };
        while (TrySymbol(","))
        {
            values.Add(Literal());
        }

        Expect(")");
        return values;
    }

    private object Literal()
    {
        SkipSpace();
        if (_position < _text.Length && _text[_position] == '\'')
        {
            return Text();
        }

        if (_position < _text.Length && (char.IsDigit(_text[_position]) || _text[_position] is '-' or '+' or '.'))
        {
            return (decimal)Number();
        }

        if (_position >= _text.Length || !(char.IsLetter(_text[_position])))
        {
            throw Error("expected a literal ('text', a number, TRUE, FALSE or DATE('yyyy-mm-dd'))");
        }

        var word = Identifier().ToUpperInvariant();
        switch (word)
        {
            case "TRUE":
                return true;
            case "FALSE":
                return false;
            case "DATE":
                Expect("(");
                var text = Text();
                Expect(")");
                return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? date
                    : throw Error($"DATE('{text}') is not a yyyy-mm-dd date");
            default:
                throw Error($"expected a literal ('text', a number, TRUE, FALSE or DATE('yyyy-mm-dd')), found '{word}'");
        }
    }

    private Geometry GeometryLiteral()
    {
        SkipSpace();
        var start = _position;
        var word = Identifier().ToUpperInvariant();
        Geometry geometry;
        if (word == "BBOX")
        {
            Expect("(");
            var n = new double[4];
            for (var i = 0; i < 4; i++)
            {
                if (i > 0)
                {
                    Expect(",");
                }

                n[i] = Number();
            }

            Expect(")");
            if (n[0] > n[2] || n[1] > n[3])
            {
                throw Error("BBOX has a minimum above its maximum");
            }

            geometry = Geo.Factory.ToGeometry(new Envelope(n[0], n[2], n[1], n[3]));
        }
        else if (WktTypes.Contains(word))
        {
            SkipSpace();
            var depth = 0;
            do
            {
                if (_position >= _text.Length)
                {
                    throw Error($"{word} is not closed");
                }

                depth += _text[_position] switch { '(' => 1, ')' => -1, _ => 0 };
                _position++;
            }
            while (depth > 0);
            try
            {
                geometry = new WKTReader(Geo.Factory.GeometryServices).Read(_text[start.._position]);
            }
            catch (Exception e) when (e is ParseException or ArgumentException or FormatException)
            {
                throw new Cql2Exception($"filter: {word} at character {start + 1} is not valid WKT: {e.Message}");
            }
        }
        else
        {
            throw Error($"expected a geometry (POINT, POLYGON, … or BBOX), found '{word}'");
        }

        if (geometry.NumPoints > MaxVertices)
        {
            throw new Cql2Exception($"filter: a geometry has {geometry.NumPoints} vertices; at most {MaxVertices}");
        }

        var box = geometry.EnvelopeInternal;
        if (box.MinX < -180 || box.MaxX > 180 || box.MinY < -90 || box.MaxY > 90)
        {
            throw new Cql2Exception("filter: geometries are CRS84 longitude, latitude");
        }

        if (!geometry.IsValid)
        {
            throw new Cql2Exception($"filter: the {geometry.GeometryType} at character {start + 1} is not a valid geometry");
        }

        geometry.SRID = Geo.Srid;
        return geometry;
    }
}
