using System.Text.Json.Nodes;
using LandInventory.GisApi.OData;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace LandInventory.GisApi.OpenApi;

/// <summary>
/// The API's OpenAPI description at <c>/openapi/v1.json</c>: OpenAPI 3.0, which OGC API – Features' oas30 class and the
/// landing page's link name; every query parameter an endpoint reads by hand (<see cref="QueryParameters"/>); and the
/// bearer scheme on every operation that needs a token, while anonymous operations say that they need none.
/// </summary>
public static class OpenApiSetup
{
    public const string BearerScheme = "bearer";

    /// <summary>The workspace's session cookie, the other way to be a caller with a role.</summary>
    public const string SessionScheme = "session";

    /// <summary>What each group of operations is, for readers of the description.</summary>
    private static readonly Dictionary<string, string> Tags = new()
    {
        ["OGC API – Features"] = "The layers as OGC API – Features collections (Parts 1, 2 and 3): GeoJSON, CRSs, CQL2 filters",
        ["OGC API – Features: editing"] = "Create, replace, patch and delete features (Part 4), with a token and If-Match",
        ["Vector tiles"] = "Mapbox vector tiles and TileJSON of each layer",
        ["Site selection"] = "A project's requirements in, the sites that meet them ranked and explained out (docs/site-selection.md)",
        ["Site pages"] = "A page per site for people and link previews, its map image and its brochure; spreadsheets of shortlists",
        ["Inquiries"] = "Investors' questions to a site's bureau, and the bureau's inbox (docs/security.md)",
        ["Spatial search"] = "Nearest, within a distance, what is here, intersecting a posted geometry, area statistics",
        ["History"] = "Every recorded change: a feature's history and the change feed",
        ["Imports"] = "GeoJSON files imported as jobs, with the command-line importer's checks",
        ["OData"] = "The inventory as an OData v4 service (its own $metadata describes it; see the description above)",
        ["Health"] = "Liveness and readiness for orchestrators",
        ["Map"] = "The investor map page's settings",
        ["Accounts"] = "The workspace's accounts: signing in, accounts (admins), personal access tokens",
    };

    public static IServiceCollection AddInventoryOpenApi(this IServiceCollection services)
    {
        // The API's JSON numbers are numbers: ASP.NET's web defaults also read them from strings, which the description
        // would then have to say as "integer or string" — a union OpenAPI 3.0 cannot type. No endpoint binds JSON through
        // these options (bodies are read by the import reader), so only the description changes.
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict);
        return services.AddOpenApi(Configure);
    }

    private static void Configure(Microsoft.AspNetCore.OpenApi.OpenApiOptions options)
    {
        options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_0;
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Description = $"{ODataSetup.OpenApiNote} {Replicas.ReadYourWrites.OpenApiNote}";
            // The base URL without a trailing slash: operation paths begin with one.
            foreach (var server in document.Servers ?? [])
            {
                server.Url = server.Url?.TrimEnd('/');
            }

            foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
            {
                tag.Description ??= tag.Name is { } name && Tags.TryGetValue(name, out var description) ? description : null;
            }

            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A token with the role planner (and the bureau it speaks for, claim steward) or admin — a JWT of the "
                    + "zone's identity provider, or a personal access token lip_… issued at /workspace/tokens: docs/security.md",
            };
            document.Components.SecuritySchemes[SessionScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Cookie,
                Name = Accounts.AccountsSetup.SessionCookie,
                Description = $"A workspace session (POST /workspace/session); its writes carry the {Accounts.AccountsSetup.AntiforgeryHeader} header",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            foreach (var parameter in metadata.OfType<QueryParameters>().SelectMany(p => p.All))
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(Describe(parameter));
            }

            // Either scheme: each requirement is an alternative.
            operation.Security = metadata.OfType<IAuthorizeData>().Any()
                ?
                [
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] },
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SessionScheme, context.Document)] = [] },
                ]
                : [];
            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// The API reference at <c>/scalar/</c>, self-contained: on a government network it must call nothing outside, so no
    /// fonts from Scalar's host, no telemetry, and none of the buttons to outside services (its agent "Ask AI", the
    /// developer tools' "Generate SDK" and "Deploy", the MCP offer).
    /// </summary>
    public static WebApplication MapInventoryApiReference(this WebApplication app)
    {
        app.MapScalarApiReference(options => options
            .WithTitle("LandInventory API")
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools());
        return app;
    }

    private static OpenApiParameter Describe(QueryParameter parameter) => new()
    {
        Name = parameter.Name,
        In = ParameterLocation.Query,
        Description = parameter.Description,
        Schema = new OpenApiSchema
        {
            Type = parameter.Type switch
            {
                "integer" => JsonSchemaType.Integer,
                "number" => JsonSchemaType.Number,
                "boolean" => JsonSchemaType.Boolean,
                _ => JsonSchemaType.String,
            },
            Format = parameter.Format,
            Default = parameter.Default switch
            {
                int i => JsonValue.Create(i),
                bool b => JsonValue.Create(b),
                string t => JsonValue.Create(t),
                _ => null,
            },
            Minimum = parameter.Minimum?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Maximum = parameter.Maximum?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
    };
}
