namespace LandInventory.PostGis.Testing;

/// <summary>A running PostGIS server, however it was obtained; disposing it stops what the tests started.</summary>
internal interface IPostGisSource : IAsyncDisposable
{
    string AdminConnectionString { get; }

    string Description { get; }
}
