using LandInventory.Data.Spatial;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.Spatial;

namespace LandInventory.GisApi.Tests.OData;

/// <summary>
/// The payloads as a generic OData client reads them, with Microsoft.OData.Core's message reader and the model read
/// from $metadata; the geographies compared with the stored geometries by PostGIS.
/// </summary>
public sealed class ODataPayloadTests(InventoryApi api) : IClassFixture<InventoryApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Parcels", "land_parcels", "boundary")]
    [InlineData("Carriers", "industrial_carriers", "location")]
    [InlineData("Buildings", "buildings", "footprint")]
    public async Task Feed_ReadsAsEntitiesWithGeography_EqualToTheStoredGeometry(string set, string table, string column)
    {
        var client = api.Factory.CreateClient();
        var model = await ODataMetadataTests.ReadModelAsync(client);
        var entities = await ReadFeedAsync(client, model, set, $"/odata/{set}");

        Assert.Equal(await api.Database.ScalarAsync<long>($"SELECT count(*) FROM {table}"), entities.Count);
        var wkt = WellKnownTextSqlFormatter.Create();
        foreach (var entity in entities)
        {
            var code = (string)entity["code"]!;
            var geography = Assert.IsAssignableFrom<Geography>(entity[column]);
            Assert.Equal(Geo.Srid, geography.CoordinateSystem.EpsgId);
            var text = wkt.Write(geography);
            var same = await api.Database.ScalarAsync<bool>(
                $"SELECT ST_Equals({column}, ST_GeomFromEWKT(@wkt)) FROM {table} WHERE code = @code", ("wkt", text), ("code", code));
            Assert.True(same, $"{set}('{code}').{column} differs from the database: {text}");
        }
    }

    [Fact]
    public async Task Enums_ReadAsEnumValues_OfTheModel()
    {
        var client = api.Factory.CreateClient();
        var model = await ODataMetadataTests.ReadModelAsync(client);
        var entities = await ReadFeedAsync(client, model, "Parcels", "/odata/Parcels?$select=code,status,landUse");

        var expected = await api.Database.ScalarAsync<string>(
            "SELECT string_agg(code || '=' || status, ',' ORDER BY code COLLATE \"C\") FROM land_parcels");
        var actual = string.Join(',', entities.Select(e => $"{e["code"]}={((ODataEnumValue)e["status"]!).Value}")
            .Order(StringComparer.Ordinal));
        // The database stores snake_case labels, the model camelCase names: compare them as words.
        Assert.Equal(expected.Replace("_", "", StringComparison.Ordinal), actual, ignoreCase: true);
    }

    private static async Task<List<Dictionary<string, object?>>> ReadFeedAsync(HttpClient client, IEdmModel model, string set, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), Ct);
        response.EnsureSuccessStatusCode();
        var message = new ResponseMessage(await response.Content.ReadAsStreamAsync(Ct), response.Content.Headers.ContentType!.ToString());
        using var reader = new ODataMessageReader(message, new ODataMessageReaderSettings(), model);
        var entitySet = model.EntityContainer.FindEntitySet(set);
        var feed = await reader.CreateODataResourceSetReaderAsync(entitySet, entitySet.EntityType);
        var entities = new List<Dictionary<string, object?>>();
        while (await feed.ReadAsync())
        {
            if (feed.State == ODataReaderState.ResourceEnd && feed.Item is ODataResource resource)
            {
                entities.Add(resource.Properties.OfType<ODataProperty>().ToDictionary(p => p.Name, p => (object?)p.Value));
            }
        }

        return entities;
    }

    private sealed class ResponseMessage(Stream body, string contentType) : IODataResponseMessageAsync
    {
        private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = contentType };

        public IEnumerable<KeyValuePair<string, string>> Headers => _headers;

        public int StatusCode { get; set; } = 200;

        public string? GetHeader(string headerName) => _headers.GetValueOrDefault(headerName);

        public void SetHeader(string headerName, string headerValue) => _headers[headerName] = headerValue;

        public Stream GetStream() => body;

        public Task<Stream> GetStreamAsync() => Task.FromResult(body);
    }
}
