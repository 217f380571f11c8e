namespace LandInventory.GisApi.Http;

/// <summary><c>Warmup:Enabled</c> (default true): the service asks itself the map page's first requests once it listens.</summary>
public sealed class WarmupOptions
{
    public const string Section = "Warmup";

    public bool Enabled { get; set; } = true;
}
