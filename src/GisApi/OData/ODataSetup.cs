using Microsoft.AspNetCore.OData;
using Microsoft.AspNetCore.OData.Formatter.Serialization;
using Microsoft.AspNetCore.OData.Query.Expressions;
using Microsoft.OData.UriParser;

namespace LandInventory.GisApi.OData;

public static class ODataSetup
{
    public const string Prefix = "odata";

    /// <summary>What the OpenAPI document says of the OData service, which describes itself in CSDL.</summary>
    public static readonly string OpenApiNote =
        "OGC API – Features, vector tiles and spatial search are described here. The OData v4 service at /odata "
        + $"(entity sets {string.Join(", ", InventoryLayers.All.Select(l => l.OData.Name))}; $filter with geo.distance, geo.intersects and geo.length; "
        + "$select, $expand, $orderby, $top, $skip, $count, $search, $apply, $compute) describes itself in CSDL at "
        + "/odata/$metadata (JSON: /odata/$metadata?$format=json); a guide with examples is docs/odata.md.";

    /// <summary>The OData service at <c>/odata</c>, with the spatial binders, $search and the geography serializer.</summary>
    public static IServiceCollection AddInventoryOData(this IServiceCollection services)
    {
        SpatialFunctions.RegisterSignatures();
        services.AddControllers().AddOData(options =>
        {
            options.EnableQueryFeatures(InventoryQueryAttribute.MaxTopValue);
            options.RouteOptions.EnableUnqualifiedOperationCall = true;
            options.AddRouteComponents(Prefix, InventoryModel.Build(), route => route
                .AddSingleton<IFilterBinder, SpatialFilterBinder>()
                .AddSingleton<IOrderByBinder, SpatialOrderByBinder>()
                .AddSingleton<ISelectExpandBinder, SpatialSelectExpandBinder>()
                .AddSingleton<ISearchBinder, NameSearchBinder>()
                .AddSingleton<ODataResourceSerializer, GeographySerializer>()
                .AddSingleton<ODataUriResolver>(new StringAsEnumResolver { EnableCaseInsensitive = true }));
        });
        return services;
    }
}
