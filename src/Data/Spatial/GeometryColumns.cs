using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NetTopologySuite.Geometries;

namespace LandInventory.Data.Spatial;

/// <summary>Column type, GiST index and validity check for a geometry column, the same for every layer.</summary>
public static class GeometryColumns
{
    public static void HasMultiPolygon<T>(this EntityTypeBuilder<T> entity, string property, string column, bool required)
        where T : class
    {
        entity.Property<MultiPolygon>(property).HasColumnType(Geo.MultiPolygonColumn).IsRequired(required);
        entity.HasValidGeometry(property, column);
    }

    public static void HasPoint<T>(this EntityTypeBuilder<T> entity, string property, string column)
        where T : class
    {
        entity.Property<Point>(property).HasColumnType(Geo.PointColumn).IsRequired();
        entity.HasValidGeometry(property, column);
    }

    private static void HasValidGeometry<T>(this EntityTypeBuilder<T> entity, string property, string column)
        where T : class
    {
        entity.HasIndex(property).HasMethod("gist");
        var table = entity.Metadata.GetTableName();
        // ST_IsValid is NULL-safe for optional columns: a CHECK passes on NULL.
        entity.ToTable(t => t.HasCheckConstraint(
            $"ck_{table}_{column}_valid", $"ST_IsValid({column}) AND NOT ST_IsEmpty({column})"));
    }
}
