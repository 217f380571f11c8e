using System.Net;
using System.Text.Json;
using System.Xml;
using LandInventory.Data;
using LandInventory.Data.Carriers;
using LandInventory.Data.Parcels;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;
using Microsoft.OData.Edm.Validation;

namespace LandInventory.GisApi.Tests.OData;

/// <summary>$metadata as a generic OData client reads it: with Microsoft.OData.Edm's CSDL reader.</summary>
public sealed class ODataMetadataTests(InventoryApi api) : IClassFixture<InventoryApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static async Task<IEdmModel> ReadModelAsync(HttpClient client)
    {
        await using var stream = await client.GetStreamAsync(new Uri("/odata/$metadata", UriKind.Relative), Ct);
        using var xml = XmlReader.Create(stream);
        Assert.True(CsdlReader.TryParse(xml, out var model, out var errors), string.Join("; ", errors ?? []));
        Assert.True(model.Validate(out var invalid), string.Join("; ", invalid.Select(e => e.ErrorMessage)));
        return model;
    }

    [Fact]
    public async Task Metadata_DeclaresEverySet_KeysNavigationAndGeography()
    {
        var model = await ReadModelAsync(api.Factory.CreateClient());

        var container = model.EntityContainer;
        Assert.Equal(["Areas", "Buildings", "Carriers", "Parcels", "Places"], container.EntitySets().Select(s => s.Name).Order(StringComparer.Ordinal));
        var parcel = (IEdmEntityType)model.FindDeclaredType("LandInventory.Parcel");
        var carrier = (IEdmEntityType)model.FindDeclaredType("LandInventory.Carrier");
        var building = (IEdmEntityType)model.FindDeclaredType("LandInventory.Building");
        var area = (IEdmEntityType)model.FindDeclaredType("LandInventory.Area");
        Assert.Equal("code", Assert.Single(parcel.Key()).Name);
        Assert.Equal("id", Assert.Single(area.Key()).Name);
        Assert.Equal(EdmPrimitiveTypeKind.GeographyMultiPolygon, parcel.FindProperty("boundary").Type.AsPrimitive().PrimitiveKind());
        Assert.Equal(EdmPrimitiveTypeKind.GeographyPoint, carrier.FindProperty("location").Type.AsPrimitive().PrimitiveKind());
        Assert.Equal(EdmPrimitiveTypeKind.GeographyMultiPolygon, building.FindProperty("footprint").Type.AsPrimitive().PrimitiveKind());
        Assert.Equal(EdmPrimitiveTypeKind.GeographyMultiPolygon, area.FindProperty("boundary").Type.AsPrimitive().PrimitiveKind());
        Assert.Equal("LandInventory.Area", ((IEdmNavigationProperty)parcel.FindProperty("area")).ToEntityType().FullName());
        Assert.True(((IEdmNavigationProperty)area.FindProperty("parcels")).Type.IsCollection());
        Assert.True(((IEdmNavigationProperty)carrier.FindProperty("buildings")).Type.IsCollection());
        Assert.Equal("LandInventory.Carrier", ((IEdmNavigationProperty)building.FindProperty("carrier")).ToEntityType().FullName());
        var place = (IEdmEntityType)model.FindDeclaredType("LandInventory.Place");
        Assert.Equal("id", Assert.Single(place.Key()).Name);
        Assert.Equal(EdmPrimitiveTypeKind.GeographyPoint, place.FindProperty("location").Type.AsPrimitive().PrimitiveKind());
        Assert.Equal("LandInventory.PlaceKind", place.FindProperty("kind").Type.FullName());
        Assert.Null(parcel.FindProperty("id"));
        Assert.Null(parcel.FindProperty("createdAt"));
    }

    [Theory]
    [InlineData(typeof(ParcelStatus))]
    [InlineData(typeof(LandUse))]
    [InlineData(typeof(Industry))]
    [InlineData(typeof(CarrierKind))]
    public async Task Enums_AreEdmEnums_WithTheJsonNames(Type type)
    {
        var model = await ReadModelAsync(api.Factory.CreateClient());

        var edm = (IEdmEnumType)model.FindDeclaredType($"LandInventory.{type.Name}");
        Assert.Equal(EnumNames.All(type), edm.Members.Select(m => m.Name));
    }

    [Fact]
    public async Task Functions_AreBoundToTheCollections()
    {
        var model = await ReadModelAsync(api.Factory.CreateClient());

        foreach (var type in new[] { "Parcel", "Carrier", "Building" })
        {
            var binding = new EdmCollectionTypeReference(new EdmCollectionType(
                new EdmEntityTypeReference((IEdmEntityType)model.FindDeclaredType($"LandInventory.{type}"), false)));
            var names = model.FindBoundOperations(binding.Definition).Select(o => o.Name).Order(StringComparer.Ordinal);
            Assert.Equal(["AsOf", "InArea", "Nearest"], names);
        }
    }

    /// <summary>The OData names are the GeoJSON names of the OGC API: one vocabulary for every client.</summary>
    [Theory]
    [InlineData("parcels", "LandInventory.Parcel", "boundary")]
    [InlineData("carriers", "LandInventory.Carrier", "location,siteBoundary")]
    [InlineData("buildings", "LandInventory.Building", "footprint")]
    [InlineData("areas", "LandInventory.Area", "boundary")]
    public async Task PropertyNames_AreTheGeoJsonPropertyNames(string collection, string type, string geometries)
    {
        var client = api.Factory.CreateClient();
        var model = await ReadModelAsync(client);
        using var items = JsonDocument.Parse(await client.GetStringAsync(
            new Uri($"/ogc/collections/{collection}/items?limit=1", UriKind.Relative), Ct));

        var geoJson = items.RootElement.GetProperty("features")[0].GetProperty("properties").EnumerateObject().Select(p => p.Name)
            // The building's carrier is a navigation property in OData, its code a property in GeoJSON.
            .Where(n => n != "carrierCode");
        var odata = ((IEdmEntityType)model.FindDeclaredType(type)).StructuralProperties().Select(p => p.Name)
            .Except(geometries.Split(','));
        Assert.Equal(geoJson.Order(StringComparer.Ordinal), odata.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Metadata_IsAlsoServedAsJsonCsdl()
    {
        using var response = await api.Factory.CreateClient().GetAsync(new Uri("/odata/$metadata?$format=json", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var csdl = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var parcel = csdl.RootElement.GetProperty("LandInventory").GetProperty("Parcel");
        Assert.Equal("Edm.GeographyMultiPolygon", parcel.GetProperty("boundary").GetProperty("$Type").GetString());
    }
}
