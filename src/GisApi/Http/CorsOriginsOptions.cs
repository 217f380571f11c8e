namespace LandInventory.GisApi.Http;

/// <summary>
/// <c>Cors:AllowedOrigins</c>: the origins whose pages may call the API; none listed, or <c>*</c>, is any. Empty by
/// default rather than <c>["*"]</c>: the configuration binder adds configured items to an array's defaults, so a default
/// <c>*</c> would stay beside every configured origin and let every origin in.
/// </summary>
public sealed class CorsOriginsOptions
{
    public const string Section = "Cors";

    public string[] AllowedOrigins { get; set; } = [];

    public bool AnyOrigin => AllowedOrigins.Length == 0 || AllowedOrigins.Contains("*");
}
