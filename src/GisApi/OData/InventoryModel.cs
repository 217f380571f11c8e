using System.Linq.Expressions;
using System.Reflection;
using LandInventory.Data;
using Microsoft.AspNetCore.OData.Edm;
using Microsoft.OData.Edm;
using Microsoft.OData.ModelBuilder;

namespace LandInventory.GisApi.OData;

/// <summary>
/// The OData model: each layer's entity set (<see cref="InventoryLayer.OData"/>, keyed by code; areas by id), with the
/// published camelCase names of docs/data-model.md, enums as EDM enums with the same camelCase values, and the
/// geometries as geography properties, which the model builder cannot make from NetTopologySuite types and so are added
/// after it. What layers share is here: a listed record's configuration, the bound functions, the geography step.
/// </summary>
public static class InventoryModel
{
    public const string Namespace = "LandInventory";

    public static IEdmModel Build()
    {
        var builder = new ODataConventionModelBuilder { Namespace = Namespace, ContainerName = "Inventory" };
        builder.Ignore<InventoryRecord>();
        foreach (var layer in InventoryLayers.All)
        {
            layer.OData.Configure(builder);
        }

        Matching.MatchODataController.Configure(builder);

        builder.EnableLowerCamelCase(NameResolverOptions.ProcessReflectedPropertyNames
            | NameResolverOptions.ProcessExplicitPropertyNames | NameResolverOptions.ProcessEnumMemberNames);
        var model = (EdmModel)builder.GetEdmModel();
        MapInheritedProperties(model);
        model.SetTypeMapper(new GeographyTypeMapper());
        foreach (var layer in InventoryLayers.All)
        {
            layer.OData.AddGeography(model);
        }

        return model;
    }

    /// <summary>The layer's enumerations, as EDM enums with the camelCase values of docs/data-model.md.</summary>
    public static void Enums(ODataConventionModelBuilder builder, params Type[] types)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var type in types)
        {
            builder.AddEnumType(type).Namespace = Namespace;
        }
    }

    /// <summary>A listed record: keyed by code; the surrogate id, steward row and creation time stay inside.</summary>
    public static EntitySetConfiguration<T> Record<T>(EntitySetConfiguration<T> set, string name)
        where T : InventoryRecord
    {
        ArgumentNullException.ThrowIfNull(set);
        var type = set.EntityType;
        type.Name = name;
        type.Namespace = Namespace;
        type.DerivesFromNothing();
        type.HasKey(r => r.Code);
        type.Ignore(r => r.Id);
        type.Ignore(r => r.Steward);
        type.Ignore(r => r.CreatedAt);
        type.Ignore(r => r.Version); // the row version is the ETag's business, not a figure
        type.Property(r => r.UpdatedAt).IsConcurrencyToken();
        return set;
    }

    /// <summary>
    /// Questions OData's query options cannot ask: the features inside an area's boundary (spatially, not by the
    /// parcels' area id), the nearest N to a point, nearest first, the set as it was at a past time (from the history), and
    /// one site's nearest place of each kind.
    /// </summary>
    public static void Operations<T>(EntitySetConfiguration<T> set, string setName)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(set);
        var inArea = set.EntityType.Collection.Function("InArea");
        inArea.Parameter<string>("areaId");
        inArea.ReturnsCollectionFromEntitySet<T>(setName);
        var nearest = set.EntityType.Collection.Function("Nearest");
        nearest.Parameter<double>("lon");
        nearest.Parameter<double>("lat");
        // Required: ASP.NET Core OData's routing conventions do not match a call that leaves out an optional parameter.
        nearest.Parameter<int>("count");
        nearest.ReturnsCollectionFromEntitySet<T>(setName);
        var asOf = set.EntityType.Collection.Function("AsOf");
        asOf.Parameter<DateTimeOffset>("time");
        asOf.ReturnsCollectionFromEntitySet<T>(setName);
        // A site's nearest place of every kind, measured on the spheroid (Places/NearestPlaces).
        set.EntityType.Function("NearestPlaces").ReturnsCollection<Places.NearPlace>();
    }

    /// <summary>
    /// The builder does not record which CLR property serves a property inherited from an ignored base class
    /// (<see cref="InventoryRecord"/>'s code, names ...), and the camelCase name does not find it by reflection: say so here.
    /// </summary>
    private static void MapInheritedProperties(EdmModel model)
    {
        foreach (var type in model.SchemaElements.OfType<EdmEntityType>())
        {
            var clr = model.GetAnnotationValue<ClrTypeAnnotation>(type)?.ClrType;
            foreach (var property in type.DeclaredProperties.Where(p => model.GetAnnotationValue<ClrPropertyInfoAnnotation>(p) is null))
            {
                if (clr?.GetProperty(property.Name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is { } info)
                {
                    model.SetAnnotationValue(property, new ClrPropertyInfoAnnotation(info));
                }
            }
        }
    }

    public static void Geography<T>(EdmModel model, string typeName, string name, Expression<Func<T, object?>> property,
        EdmPrimitiveTypeKind kind, bool nullable)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(property);
        var type = (EdmEntityType)model.FindDeclaredType($"{Namespace}.{typeName}");
        var member = (MemberExpression)(property.Body is UnaryExpression u ? u.Operand : property.Body);
        var added = type.AddStructuralProperty(name, EdmCoreModel.Instance.GetSpatial(kind, nullable));
        model.SetAnnotationValue(added, new ClrPropertyInfoAnnotation((PropertyInfo)member.Member));
    }
}
