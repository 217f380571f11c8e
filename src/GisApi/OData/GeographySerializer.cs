using LandInventory.Data;
using Microsoft.AspNetCore.OData.Formatter;
using Microsoft.AspNetCore.OData.Formatter.Serialization;
using Microsoft.AspNetCore.OData.Query.Wrapper;
using Microsoft.OData;
using Microsoft.OData.Edm;
using NetTopologySuite.Geometries;

namespace LandInventory.GisApi.OData;

/// <summary>
/// Writes the NetTopologySuite geometries of the entities as OData geography values, which the OData JSON format
/// writes as GeoJSON objects (the stock serializer knows only Microsoft.Spatial's types); and writes the enum values
/// of <c>$apply</c> results, which the stock serializer writes by their CLR names, by their model names.
/// </summary>
public sealed class GeographySerializer(IODataSerializerProvider serializerProvider) : ODataResourceSerializer(serializerProvider)
{
    public override ODataProperty CreateStructuralProperty(IEdmStructuralProperty structuralProperty, ResourceContext resourceContext)
    {
        ArgumentNullException.ThrowIfNull(structuralProperty);
        ArgumentNullException.ThrowIfNull(resourceContext);
        if (!structuralProperty.Type.IsSpatial())
        {
            return base.CreateStructuralProperty(structuralProperty, resourceContext);
        }

        var value = resourceContext.GetPropertyValue(structuralProperty.Name);
        return new ODataProperty
        {
            Name = structuralProperty.Name,
            Value = value is Geometry geometry ? SpatialValues.ToOData(geometry) : null,
        };
    }

    public override Task WriteObjectInlineAsync(object graph, IEdmTypeReference expectedType, ODataWriter writer,
        ODataSerializerContext writeContext) =>
        base.WriteObjectInlineAsync(graph is DynamicTypeWrapper row ? new ModelNamedRow(row) : graph, expectedType, writer, writeContext);

    /// <summary>A group-by row whose enum values carry the model's member names (camelCase, as everywhere in JSON).</summary>
    private sealed class ModelNamedRow(DynamicTypeWrapper row) : DynamicTypeWrapper
    {
        // Once per row: the writer reads Values more than once.
        private readonly Dictionary<string, object> _values = row.Values.ToDictionary(v => v.Key, v => v.Value is Enum e
            ? new ODataEnumValue(EnumNames.Of(e), $"{InventoryModel.Namespace}.{e.GetType().Name}")
            : v.Value);

        public override Dictionary<string, object> Values => _values;
    }
}
