namespace LandInventory.GisApi.Ogc.Cql2;

/// <summary>A filter that cannot be read or does not fit the collection; the message says where and why.</summary>
public sealed class Cql2Exception(string message) : Exception(message);
