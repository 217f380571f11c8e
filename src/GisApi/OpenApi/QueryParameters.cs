namespace LandInventory.GisApi.OpenApi;

/// <summary>
/// A query parameter an endpoint reads from the request itself (its checks and messages are the endpoint's own), declared
/// where it is read and published in the OpenAPI description: name, what it does, its JSON type, default and bounds.
/// </summary>
public sealed record QueryParameter(string Name, string Description, string Type = "string", object? Default = null,
    int? Minimum = null, int? Maximum = null, string? Format = null);

/// <summary>Endpoint metadata: the query parameters of <see cref="QueryParameter"/> an endpoint takes.</summary>
public sealed class QueryParameters(params QueryParameter[] parameters)
{
    public IReadOnlyList<QueryParameter> All => parameters;
}
