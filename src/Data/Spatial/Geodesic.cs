using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using NetTopologySuite.Geometries;

namespace LandInventory.Data.Spatial;

/// <summary>Geodesic measures that Npgsql has no method for, as database functions usable in LINQ queries.</summary>
public static class Geodesic
{
    /// <summary>Length on the WGS84 spheroid in metres: <c>ST_Length(geography(g))</c>. Only inside a query.</summary>
    public static double Length(Geometry geometry) =>
        throw new InvalidOperationException($"{nameof(Geodesic)}.{nameof(Length)} runs in PostGIS, inside a query only");

    internal static void Configure(ModelBuilder modelBuilder) =>
        modelBuilder.HasDbFunction(typeof(Geodesic).GetMethod(nameof(Length))!).HasTranslation(args =>
            new SqlFunctionExpression("ST_Length",
                // The cast's own type mapping only has to exist: SQL is written from the function name, not from it.
                [new SqlFunctionExpression("geography", args, nullable: true, argumentsPropagateNullability: [true],
                    typeof(Geometry), args[0].TypeMapping)],
                nullable: true, argumentsPropagateNullability: [true], typeof(double), null));
}
