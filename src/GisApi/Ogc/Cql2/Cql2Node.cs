using NetTopologySuite.Geometries;

namespace LandInventory.GisApi.Ogc.Cql2;

/// <summary>A parsed CQL2 text filter (OGC API – Features Part 3): the subset we translate to SQL.</summary>
public abstract record Cql2Node;

public sealed record AllOf(Cql2Node Left, Cql2Node Right) : Cql2Node;

public sealed record AnyOf(Cql2Node Left, Cql2Node Right) : Cql2Node;

public sealed record Negation(Cql2Node Operand) : Cql2Node;

/// <summary><c>property op literal</c> with op one of = &lt;&gt; &lt; &lt;= &gt; &gt;=.</summary>
public sealed record Comparison(string Property, string Operator, object Value) : Cql2Node;

public sealed record LikePattern(string Property, string Pattern) : Cql2Node;

public sealed record InList(string Property, IReadOnlyList<object> Values) : Cql2Node;

public sealed record IsNull(string Property) : Cql2Node;

public sealed record Between(string Property, object Low, object High) : Cql2Node;

/// <summary><c>A_CONTAINS(property, (v, …))</c>: an array property holds every value.</summary>
public sealed record ArrayContains(string Property, IReadOnlyList<object> Values) : Cql2Node;

/// <summary><c>S_INTERSECTS(geometry, literal)</c>.</summary>
public sealed record SpatialIntersects(string Property, Geometry Geometry) : Cql2Node;

/// <summary><c>S_DWITHIN(geometry, literal, distance, meters)</c>: within a geodesic distance.</summary>
public sealed record SpatialWithin(string Property, Geometry Geometry, double Metres) : Cql2Node;
