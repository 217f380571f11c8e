using System.Globalization;
using LandInventory.Data.Spatial;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace LandInventory.GisApi.Ogc.Cql2;

/// <summary>
/// Reads CQL2 text: comparisons, <c>AND</c>/<c>OR</c>/<c>NOT</c>, <c>LIKE</c>, <c>IN</c>, <c>BETWEEN</c>,
/// <c>IS [NOT] NULL</c>, <c>A_CONTAINS</c>, <c>S_INTERSECTS</c> and <c>S_DWITHIN</c> with WKT or <c>BBOX(…)</c>
/// literals in CRS84. Bounded: a filter may not exceed <see cref="MaxLength"/> characters, <see cref="MaxNodes"/>
/// predicates and operators, or <see cref="MaxVertices"/> vertices in its geometries.
/// </summary>
public sealed partial class Cql2Parser
{
    public const int MaxLength = 10_000;
    public const int MaxNodes = 200;
    public const int MaxDepth = 30;
    public const int MaxVertices = 10_000;

    private readonly string _text;
    private int _position;
    private int _nodes;
    private int _depth;

    private Cql2Parser(string text) => _text = text;

    public static Cql2Node Parse(string text)
    {
        if (text.Length > MaxLength)
        {
            throw new Cql2Exception($"filter: longer than {MaxLength} characters");
        }

        var parser = new Cql2Parser(text);
        var node = parser.Or();
        parser.SkipSpace();
        return parser._position == text.Length ? node : throw parser.Error("expected the end of the filter");
    }

    private Cql2Node Or()
    {
        var left = And();
        while (TryKeyword("OR"))
        {
            left = Count(new AnyOf(left, And()));
        }

        return left;
    }

    private Cql2Node And()
    {
        var left = Unary();
        while (TryKeyword("AND"))
        {
            left = Count(new AllOf(left, Unary()));
        }

        return left;
    }

    private Cql2Node Unary()
    {
        if (++_depth > MaxDepth)
        {
            throw new Cql2Exception($"filter: nested deeper than {MaxDepth}");
        }

        try
        {
            if (TryKeyword("NOT"))
            {
                return Count(new Negation(Unary()));
            }

            if (TrySymbol("("))
            {
                var inner = Or();
                Expect(")");
                return inner;
            }

            return Count(Predicate());
        }
        finally
        {
            _depth--;
        }
    }

    private Cql2Node Predicate()
    {
        var name = Identifier();
        switch (name.ToUpperInvariant())
        {
            case "S_INTERSECTS":
            {
                Expect("(");
                var property = Identifier();
                Expect(",");
                var geometry = GeometryLiteral();
                Expect(")");
                return new SpatialIntersects(property, geometry);
            }

            case "S_DWITHIN":
            {
                Expect("(");
                var property = Identifier();
                Expect(",");
                var geometry = GeometryLiteral();
                Expect(",");
                var distance = Number();
                Expect(",");
                var units = Identifier();
                Expect(")");
                return units.ToLowerInvariant() is "meters" or "metres" or "m"
                    ? new SpatialWithin(property, geometry, distance)
                    : throw new Cql2Exception($"filter: S_DWITHIN takes its distance in meters, not '{units}'");
            }

            case "A_CONTAINS":
            {
                Expect("(");
                var property = Identifier();
                Expect(",");
                var values = List();
                Expect(")");
                return new ArrayContains(property, values);
            }
        }

        var negated = TryKeyword("NOT");
        if (TryKeyword("LIKE"))
        {
            var like = new LikePattern(name, Literal() as string ?? throw Error("LIKE takes a 'text' pattern"));
            return negated ? new Negation(like) : like;
        }

        if (TryKeyword("IN"))
        {
            var @in = new InList(name, List());
            return negated ? new Negation(@in) : @in;
        }

        if (TryKeyword("BETWEEN"))
        {
            var low = Literal();
            if (!TryKeyword("AND"))
            {
                throw Error("BETWEEN needs 'low AND high'");
            }

            var between = new Between(name, low, Literal());
            return negated ? new Negation(between) : between;
        }

        if (negated)
        {
            throw Error("NOT here must be followed by LIKE, IN or BETWEEN");
        }

        if (TryKeyword("IS"))
        {
            var not = TryKeyword("NOT");
            if (!TryKeyword("NULL"))
            {
                throw Error("expected IS [NOT] NULL");
            }

            return not ? new Negation(new IsNull(name)) : new IsNull(name);
        }

        foreach (var op in new[] { "<>", "<=", ">=", "=", "<", ">" })
        {
            if (TrySymbol(op))
            {
                return new Comparison(name, op, Literal());
            }
        }

        throw Error($"expected a comparison, LIKE, IN, BETWEEN or IS NULL after '{name}'");
    }

    private Cql2Node Count(Cql2Node node) =>
        ++_nodes > MaxNodes ? throw new Cql2Exception($"filter: more than {MaxNodes} conditions") : node;

    private Cql2Exception Error(string message) => new($"filter: {message} at character {_position + 1}");
}
