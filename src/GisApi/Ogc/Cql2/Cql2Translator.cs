using System.Collections;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using LandInventory.Data;
using LandInventory.Data.Spatial;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace LandInventory.GisApi.Ogc.Cql2;

/// <summary>
/// Turns a CQL2 tree into a LINQ predicate over one table's entity, using the layer's queryables (its published
/// property names mapped to the entity's members), so that EF translates it to parameterised SQL — spatial predicates to
/// <c>ST_Intersects</c> and <c>within_metres</c> (ST_DWithin on geography). Literals are converted to each property's
/// type, or refused with a message, and reach SQL as parameters, as OData's do: a new value is not a new statement for
/// EF to translate and PostgreSQL to plan.
/// </summary>
public sealed class Cql2Translator<TEntity>(ParameterExpression entity, IReadOnlyDictionary<string, Expression> queryables)
{
    private static readonly MethodInfo Like = typeof(DbFunctionsExtensions).GetMethod(
        nameof(DbFunctionsExtensions.Like), [typeof(DbFunctions), typeof(string), typeof(string)])!;

    private static readonly MethodInfo WithinMetres = typeof(Geodesic).GetMethod(nameof(Geodesic.IsWithinMetres))!;

    /// <summary>The queryables and their types (what filters may name, and what /queryables describes).</summary>
    public IReadOnlyDictionary<string, Type> Types { get; } = queryables.ToDictionary(q => q.Key, q => q.Value.Type);

    public Expression<Func<TEntity, bool>> Translate(Cql2Node node) =>
        Expression.Lambda<Func<TEntity, bool>>(Body(node), entity);

    /// <summary>The member behind a queryable name, for filters and for sortby.</summary>
    public Expression Member(string name) => queryables.TryGetValue(name, out var member)
        ? member
        : throw new Cql2Exception($"'{name}' is not a queryable of this collection: {string.Join(", ", queryables.Keys.Order(StringComparer.Ordinal))}");

    private Expression Body(Cql2Node node) => node switch
    {
        AllOf a => Expression.AndAlso(Body(a.Left), Body(a.Right)),
        AnyOf o => Expression.OrElse(Body(o.Left), Body(o.Right)),
        Negation n => Expression.Not(Body(n.Operand)),
        Comparison c => Compare(c),
        LikePattern l => Expression.Call(Like, Expression.Constant(EF.Functions), Text(l.Property), Parameter(l.Pattern, typeof(string))),
        InList i => Contains(Member(i.Property), i.Values.Select(v => Literal(i.Property, v)).ToList()),
        IsNull n => Expression.Equal(Nullable(n.Property), Expression.Constant(null, Member(n.Property).Type)),
        Between b => Expression.AndAlso(
            Ordered(b.Property, ">=", Value(b.Property, b.Low)), Ordered(b.Property, "<=", Value(b.Property, b.High))),
        ArrayContains a => a.Values.Select(v => (Expression)ArrayHas(a.Property, v)).Aggregate(Expression.AndAlso),
        SpatialIntersects s => Expression.Call(Geometry(s.Property), nameof(NetTopologySuite.Geometries.Geometry.Intersects), null,
            Parameter(s.Geometry, typeof(Geometry))),
        SpatialWithin w => Expression.Call(WithinMetres, Geometry(w.Property), Parameter(w.Geometry, typeof(Geometry)),
            Parameter(w.Metres, typeof(double))),
        _ => throw new Cql2Exception("filter: unsupported expression"),
    };

    private BinaryExpression Compare(Comparison c)
    {
        var member = Member(c.Property);
        var value = Value(c.Property, c.Value);
        var core = System.Nullable.GetUnderlyingType(member.Type) ?? member.Type;
        if (c.Operator is "=" or "<>")
        {
            return c.Operator == "=" ? Expression.Equal(member, value) : Expression.NotEqual(member, value);
        }

        return core == typeof(string) || core.IsEnum || core == typeof(bool)
            ? throw new Cql2Exception($"filter: {c.Property} can be compared with = and <> only")
            : Ordered(c.Property, c.Operator, value);
    }

    private BinaryExpression Ordered(string property, string op, Expression value)
    {
        var member = Member(property);
        return op switch
        {
            "<" => Expression.LessThan(member, value),
            "<=" => Expression.LessThanOrEqual(member, value),
            ">" => Expression.GreaterThan(member, value),
            _ => Expression.GreaterThanOrEqual(member, value),
        };
    }

    /// <summary>A literal as a parameter of the property's own type (nullable included).</summary>
    private MemberExpression Value(string property, object literal) => Parameter(Literal(property, literal), Member(property).Type);

    /// <summary>A literal converted to the property's type, or refused.</summary>
    private object Literal(string property, object literal)
    {
        var type = Member(property).Type;
        var core = System.Nullable.GetUnderlyingType(type) ?? type;
        object value = (core, literal) switch
        {
            (_, _) when core == typeof(string) && literal is string s => s,
            (_, _) when core == typeof(decimal) && literal is decimal d => d,
            (_, _) when core == typeof(decimal) && literal is string s && decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            (_, _) when core == typeof(int) && literal is decimal d && d == decimal.Truncate(d) && d is >= int.MinValue and <= int.MaxValue => (int)d,
            (_, _) when core == typeof(int) && literal is string s && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) => i,
            (_, _) when core == typeof(DateOnly) && literal is DateOnly date => date,
            (_, _) when core == typeof(DateOnly) && literal is string s && DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) => date,
            (_, _) when core.IsEnum && literal is string s => EnumValue(core, property, s),
            _ => throw new Cql2Exception($"filter: {Show(literal)} is not a {Describe(core)} for {property}"),
        };
        return value;
    }

    private static Enum EnumValue(Type type, string property, string text) =>
        EnumNames.Parse(type, text)
        ?? throw new Cql2Exception($"filter: '{text}' is not one of {string.Join(", ", EnumNames.All(type))} for {property}");

    /// <summary>The list as one parameter (PostgreSQL's <c>= ANY(@p)</c>): a list of another length is not another statement.</summary>
    private static MethodCallExpression Contains(Expression member, List<object> values)
    {
        var type = typeof(List<>).MakeGenericType(member.Type);
        var list = (IList)Activator.CreateInstance(type)!;
        foreach (var value in values)
        {
            list.Add(value);
        }

        return Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [member.Type], Parameter(list, type), member);
    }

    private MethodCallExpression ArrayHas(string property, object literal)
    {
        var member = Member(property);
        var element = member.Type.IsGenericType ? member.Type.GetGenericArguments()[0] : null;
        if (element is null || !typeof(IEnumerable).IsAssignableFrom(member.Type) || member.Type == typeof(string))
        {
            throw new Cql2Exception($"filter: A_CONTAINS needs a list property; {property} is not one");
        }

        var value = element.IsEnum && literal is string s ? EnumValue(element, property, s) : literal;
        return Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [element], member, Parameter(value, element));
    }

    private Expression Text(string property) => Member(property).Type == typeof(string)
        ? Member(property)
        : throw new Cql2Exception($"filter: LIKE applies to text; {property} is not text");

    private Expression Nullable(string property)
    {
        var member = Member(property);
        return !member.Type.IsValueType || System.Nullable.GetUnderlyingType(member.Type) is not null
            ? member
            : throw new Cql2Exception($"filter: {property} is never null");
    }

    private Expression Geometry(string property)
    {
        var member = Member(property);
        return typeof(Geometry).IsAssignableFrom(member.Type)
            ? member
            : throw new Cql2Exception($"filter: spatial predicates apply to 'geometry'; {property} is not a geometry");
    }

    /// <summary>
    /// A value as a query parameter, the way a captured variable is (a member of a constant object, which EF reads as a
    /// parameter). A geometry must be one anyway: as a constant, EF would type it like the column it meets
    /// (<c>geometry(MultiPolygon,4326)</c>) and PostgreSQL would refuse a point.
    /// </summary>
    private static MemberExpression Parameter(object? value, Type type) =>
        Expression.Property(Expression.Constant(Activator.CreateInstance(typeof(Captured<>).MakeGenericType(type), value)),
            nameof(Captured<object>.Value));

    private static string Show(object literal) => literal switch
    {
        string s => $"'{s}'",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => literal.ToString() ?? "null",
    };

    private static string Describe(Type type) => type switch
    {
        _ when type == typeof(decimal) => "number",
        _ when type == typeof(int) => "whole number",
        _ when type == typeof(DateOnly) => "date (DATE('yyyy-mm-dd'))",
        _ when type.IsEnum => "value of " + type.Name,
        _ => type.Name.ToLowerInvariant(),
    };
}

/// <summary>A value a translated filter reads as a query parameter (outside the generic translator: one type argument).</summary>
internal sealed record Captured<T>(T Value);
