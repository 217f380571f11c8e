using System.ComponentModel.DataAnnotations;

namespace LandInventory.GisApi.Http;

/// <summary><c>Cors:AllowedOrigins</c>: the origins whose pages may call the API (default any: <c>*</c>).</summary>
public sealed class CorsOriginsOptions
{
    public const string Section = "Cors";

    [MinLength(1, ErrorMessage = "Cors:AllowedOrigins must name at least one origin, or *.")]
    public string[] AllowedOrigins { get; set; } = ["*"];
}
