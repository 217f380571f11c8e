using System.ComponentModel.DataAnnotations;

namespace LandInventory.GisApi.Http;

/// <summary>
/// <c>Http:PublicBaseUrl</c>: the address the public reaches the service at (<c>https://gis.example.gov.cn/inventory</c>).
/// Every link the service writes (OGC documents, next pages, TileJSON, the change feed) starts with it, whatever
/// <c>Host</c> a request names — without it links follow the request's host, which <c>AllowedHosts</c> should then narrow
/// from its default <c>*</c>, or anyone could have the answers name a host of their choosing.
/// </summary>
public sealed class PublicUrlOptions : IValidatableObject
{
    public const string Section = "Http";

    public string? PublicBaseUrl { get; set; }

    public Uri? Base => !string.IsNullOrWhiteSpace(PublicBaseUrl) && Uri.TryCreate(PublicBaseUrl.TrimEnd('/'), UriKind.Absolute, out var uri) ? uri : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(PublicBaseUrl)
            && (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment)))
        {
            yield return new ValidationResult(
                $"Http:PublicBaseUrl must be an absolute http or https URL without query (https://gis.example.gov.cn/inventory), not '{PublicBaseUrl}'.");
        }
    }

    /// <summary>Requests are seen as made at the public address, so that every link is written for it.</summary>
    public static WebApplication UsePublicBaseUrl(WebApplication app)
    {
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PublicUrlOptions>>().Value;
        if (options.Base is not { } public_)
        {
            if (!app.Environment.IsDevelopment() && app.Configuration["AllowedHosts"] is null or "*")
            {
                app.Logger.LogWarning("Neither Http:PublicBaseUrl nor AllowedHosts is set: links follow whatever Host a request names");
            }

            return app;
        }

        var host = new HostString(public_.Authority);
        var pathBase = new PathString(public_.AbsolutePath == "/" ? "" : public_.AbsolutePath);
        app.Use((http, next) =>
        {
            http.Request.Scheme = public_.Scheme;
            http.Request.Host = host;
            http.Request.PathBase = pathBase;
            return next(http);
        });
        return app;
    }
}
