using System.ComponentModel.DataAnnotations;

namespace LandInventory.GisApi.Map;

/// <summary>
/// <c>Map:BaseTileUrl</c> (an XYZ raster URL with {z}/{x}/{y}; none: a plain background), <c>Map:BaseTileCrs</c>
/// (<c>wgs84</c>, or <c>gcj02</c> for AMap-style tiles: the features are then fetched in GCJ-02 so that they line up) and
/// <c>Map:BaseTileAttribution</c>.
/// </summary>
public sealed class MapOptions : IValidatableObject
{
    public const string Section = "Map";

    public string? BaseTileUrl { get; set; }

    /// <summary>Empty means the default, <c>wgs84</c>; anything else than the two is refused, not read as WGS84.</summary>
    [RegularExpression("^(wgs84|gcj02)?$", ErrorMessage = "Map:BaseTileCrs must be wgs84 or gcj02.")]
    public string? BaseTileCrs { get; set; } = "wgs84";

    public string? BaseTileAttribution { get; set; }

    /// <summary>The base map's origin (<c>https://tiles.example</c>), which the page's Content-Security-Policy allows; null when none or not a URL.</summary>
    public string? BaseTileOrigin =>
        BaseTileUrl is { Length: > 0 } url
        && Uri.TryCreate(url.Replace("{", "", StringComparison.Ordinal).Replace("}", "", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            ? $"{uri.Scheme}://{uri.Authority}"
            : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(BaseTileUrl))
        {
            yield break;
        }

        if (BaseTileOrigin is not { } origin || !(origin.StartsWith("http://", StringComparison.Ordinal) || origin.StartsWith("https://", StringComparison.Ordinal))
            || !(BaseTileUrl.Contains("{z}", StringComparison.Ordinal) && BaseTileUrl.Contains("{x}", StringComparison.Ordinal)
                 && BaseTileUrl.Contains("{y}", StringComparison.Ordinal)))
        {
            yield return new ValidationResult(
                "Map:BaseTileUrl must be an http(s) URL with {z}, {x} and {y}, e.g. https://tiles.example/{z}/{x}/{y}.png.",
                [nameof(BaseTileUrl)]);
        }
    }
}
