using Microsoft.AspNetCore.OData.Edm;
using Microsoft.OData.Edm;
using NetTopologySuite.Geometries;

namespace LandInventory.GisApi.OData;

/// <summary>
/// Tells ASP.NET Core OData that the entities' NetTopologySuite geometries are the model's geography properties, both
/// ways, so that $select, $compute and the binders handle them as the primitives they are, never converting them to
/// Microsoft.Spatial types in a query that EF could not translate.
/// </summary>
public sealed class GeographyTypeMapper : DefaultODataTypeMapper
{
    private static readonly (Type Clr, EdmPrimitiveTypeKind Edm)[] Kinds =
    [
        (typeof(Point), EdmPrimitiveTypeKind.GeographyPoint),
        (typeof(LineString), EdmPrimitiveTypeKind.GeographyLineString),
        (typeof(Polygon), EdmPrimitiveTypeKind.GeographyPolygon),
        (typeof(MultiPoint), EdmPrimitiveTypeKind.GeographyMultiPoint),
        (typeof(MultiLineString), EdmPrimitiveTypeKind.GeographyMultiLineString),
        (typeof(MultiPolygon), EdmPrimitiveTypeKind.GeographyMultiPolygon),
        (typeof(GeometryCollection), EdmPrimitiveTypeKind.GeographyCollection),
        (typeof(Geometry), EdmPrimitiveTypeKind.Geography),
    ];

    public override IEdmPrimitiveTypeReference GetEdmPrimitiveType(Type clrType)
    {
        foreach (var (clr, edm) in Kinds)
        {
            if (clr == clrType)
            {
                return EdmCoreModel.Instance.GetSpatial(edm, isNullable: true);
            }
        }

        return base.GetEdmPrimitiveType(clrType);
    }

    public override Type GetClrPrimitiveType(IEdmPrimitiveType primitiveType, bool nullable)
    {
        ArgumentNullException.ThrowIfNull(primitiveType);
        foreach (var (clr, edm) in Kinds)
        {
            if (edm == primitiveType.PrimitiveKind)
            {
                return clr;
            }
        }

        return base.GetClrPrimitiveType(primitiveType, nullable);
    }
}
