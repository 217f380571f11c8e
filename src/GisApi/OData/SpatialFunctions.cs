using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using LandInventory.Data.Spatial;
using Microsoft.EntityFrameworkCore;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;
using ISpatial = Microsoft.Spatial.ISpatial;
using Geometry = NetTopologySuite.Geometries.Geometry;

namespace LandInventory.GisApi.OData;

/// <summary>
/// The OData geo functions as LINQ that Npgsql turns into PostGIS: <c>geo.distance</c> → geodesic <c>ST_Distance</c> in
/// metres, <c>geo.intersects</c> → <c>ST_Intersects</c>, <c>geo.length</c> → geodesic <c>ST_Length</c>. A distance
/// bounded from above (<c>geo.distance(…) lt 3000</c>) becomes <see cref="Geodesic.IsWithinMetres"/> (<c>ST_DWithin</c>
/// written out), which the geography index answers and the planner estimates.
/// Every binder (filter, orderby, select/compute) calls this one place.
/// </summary>
public static class SpatialFunctions
{
    public const string Distance = "geo.distance";
    public const string Intersects = "geo.intersects";
    public const string Length = "geo.length";

    private static readonly Expression Functions = Expression.Property(null, typeof(EF), nameof(EF.Functions));

    private static readonly MethodInfo DistanceMethod = typeof(NpgsqlNetTopologySuiteDbFunctionsExtensions).GetMethod(
        nameof(NpgsqlNetTopologySuiteDbFunctionsExtensions.Distance), [typeof(DbFunctions), typeof(Geometry), typeof(Geometry), typeof(bool)])!;

    private static readonly MethodInfo WithinMethod = typeof(Geodesic).GetMethod(nameof(Geodesic.IsWithinMetres))!;

    private static readonly MethodInfo IntersectsMethod = typeof(Geometry).GetMethod(nameof(Geometry.Intersects), [typeof(Geometry)])!;

    private static readonly MethodInfo LengthMethod = typeof(Geodesic).GetMethod(nameof(Geodesic.Length))!;

    public static bool Handles(SingleValueFunctionCallNode node) => node.Name is Distance or Intersects or Length;

    public static Expression Bind(SingleValueFunctionCallNode node, Func<QueryNode, Expression> bind)
    {
        var args = node.Parameters.Select(p => Argument(p, bind)).ToArray();
        return node.Name switch
        {
            Distance => Expression.Call(DistanceMethod, Functions, args[0], args[1], Expression.Constant(true)),
            Intersects => Expression.Call(args[0], IntersectsMethod, args[1]),
            _ => Expression.Call(LengthMethod, node.Parameters.Select(Unwrap).Single() is ConstantNode
                ? args[0]
                : throw new ODataException("geo.length takes a geography literal: the inventory has no line properties")),
        };
    }

    /// <summary>
    /// <c>geo.distance(a, b) le d</c> as <c>within_metres(a, b, d)</c>, which the geography index answers, and
    /// <c>lt d</c> as the same with the largest double below d (distance &lt; d ⇔ distance ≤ that double), so that no
    /// second distance is computed per row; null for any other comparison, which the stock binder then builds.
    /// </summary>
    public static Expression? BindWithin(BinaryOperatorNode node, Func<QueryNode, Expression> bind)
    {
        if (node.OperatorKind is not (BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual)
            || Unwrap(node.Left) is not SingleValueFunctionCallNode { Name: Distance } call
            || Unwrap(node.Right) is not ConstantNode { Value: { } limit }
            || !double.TryParse(Convert.ToString(limit, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture, out var metres))
        {
            return null;
        }

        var args = call.Parameters.Select(p => Argument(p, bind)).ToArray();
        var tolerance = node.OperatorKind == BinaryOperatorKind.LessThan ? Math.BitDecrement(metres) : metres;
        return Expression.Call(WithinMethod, args[0], args[1], Captured.Of(tolerance));
    }

    /// <summary>
    /// A property as NTS geometry, or a literal as a query parameter (a constant would also be given the column's exact
    /// type, <c>geometry(Point,4326)</c>, and a polygon refused in it).
    /// </summary>
    private static Expression Argument(QueryNode node, Func<QueryNode, Expression> bind)
    {
        if (Unwrap(node) is ConstantNode constant)
        {
            return Parameter(constant) ?? throw new ODataException($"'{constant.LiteralText}' is not a geography literal");
        }

        var bound = bind(Unwrap(node));
        if (!typeof(Geometry).IsAssignableFrom(bound.Type))
        {
            throw new ODataException("geo functions take geography properties and literals");
        }

        return bound;
    }

    /// <summary>A geography literal as a query parameter holding the checked NTS geometry; null for other constants.</summary>
    public static Expression? Parameter(ConstantNode constant) =>
        constant.Value is ISpatial literal
            ? Captured.Of<Geometry>(SpatialValues.FromLiteral(literal))
            : null;

    private static QueryNode Unwrap(QueryNode node) => node is ConvertNode convert ? Unwrap(convert.Source) : node;

    private static readonly string[] Shapes = ["Point", "LineString", "Polygon", "MultiPolygon"];

    private static int registered;

    /// <summary>
    /// Teaches the parser the signatures it lacks: it knows point–point distance and point-in-polygon only, and ODL 8's
    /// public <c>AddCustomUriFunction</c> refuses any overload of a built-in name, although the parser itself merges
    /// custom and built-in overloads. So the overloads go into the custom-function table directly (decision 0008), once
    /// per process, under that table's lock; if a future ODL renames it, start-up fails loudly, not the first query.
    /// </summary>
    public static void RegisterSignatures()
    {
        if (Interlocked.Exchange(ref registered, 1) == 1)
        {
            return;
        }

        const BindingFlags Hidden = BindingFlags.NonPublic | BindingFlags.Static;
        var table = typeof(CustomUriFunctions).GetField("CustomFunctions", Hidden)?.GetValue(null)
            as Dictionary<string, FunctionSignatureWithReturnType[]>;
        var gate = typeof(CustomUriFunctions).GetField("Locker", Hidden)?.GetValue(null);
        if (table is null || gate is null)
        {
            throw new InvalidOperationException("Microsoft.OData.Core changed: its custom URI function table was not "
                + "found, so geo.distance and geo.intersects cannot take polygons. See docs/decisions/0008.");
        }

        var core = EdmCoreModel.Instance;
        var types = Shapes.Select(s => core.GetSpatial(Enum.Parse<EdmPrimitiveTypeKind>("Geography" + s), isNullable: true)).ToList();
        var pairs = types.SelectMany(a => types.Select(b => (a, b))).ToList();
        lock (gate)
        {
            // Minus the built-in signature each already has: a duplicate would make the parser's choice ambiguous.
            table[Distance] = [.. pairs.Where(p => !Is(p, EdmPrimitiveTypeKind.GeographyPoint, EdmPrimitiveTypeKind.GeographyPoint))
                .Select(p => new FunctionSignatureWithReturnType(core.GetDouble(true), p.a, p.b))];
            table[Intersects] = [.. pairs.Where(p => !Is(p, EdmPrimitiveTypeKind.GeographyPoint, EdmPrimitiveTypeKind.GeographyPolygon))
                .Select(p => new FunctionSignatureWithReturnType(core.GetBoolean(true), p.a, p.b))];
        }
    }

    private static bool Is((IEdmPrimitiveTypeReference a, IEdmPrimitiveTypeReference b) pair, EdmPrimitiveTypeKind a,
        EdmPrimitiveTypeKind b) => pair.a.PrimitiveKind() == a && pair.b.PrimitiveKind() == b;
}
