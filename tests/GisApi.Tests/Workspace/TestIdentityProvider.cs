using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LandInventory.GisApi.Tests.Workspace;

/// <summary>
/// An OpenID Connect provider that runs here — none can be installed on this machine — speaking the protocol the
/// workspace's sign-in relies on, as a real provider does: discovery, JWKS (RS256), the authorization code flow with
/// PKCE (S256) and a confidential client, ID tokens with issuer, audience, nonce and expiry. Its one user is signed in
/// already, with the claims the test gives.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string ClientId = "landinventory-workspace";
    public const string ClientSecret = "test-provider-client-secret";

    private static readonly string[] Code = ["code"];
    private static readonly string[] Public = ["public"];
    private static readonly string[] Rs256 = ["RS256"];
    private static readonly string[] S256 = ["S256"];

    private readonly WebApplication _app;
    private readonly RSA _key = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, (string Nonce, string Challenge, string RedirectUri)> _codes = new();

    private TestIdentityProvider(WebApplication app) => _app = app;

    public string Authority { get; private set; } = "";

    /// <summary>The settings that make the API use this provider.</summary>
    public (string Key, string Value)[] Settings =>
    [
        ("Auth:OpenIdConnect:Authority", Authority), ("Auth:OpenIdConnect:ClientId", ClientId),
        ("Auth:OpenIdConnect:ClientSecret", ClientSecret), ("Auth:OpenIdConnect:RequireHttpsMetadata", "false"),
        ("Auth:OpenIdConnect:DisplayName", "Test IdP"),
    ];

    public static async Task<TestIdentityProvider> StartAsync(string user, string? role, string? bureau)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var provider = new TestIdentityProvider(app);
        provider.Map(user, role, bureau);
        await app.StartAsync(TestContext.Current.CancellationToken);
        provider.Authority = app.Urls.Single().Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
        return provider;
    }

    private void Map(string user, string? role, string? bureau)
    {
        var signing = new RsaSecurityKey(_key) { KeyId = "test-key" };
        _app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Authority,
            ["authorization_endpoint"] = $"{Authority}/authorize",
            ["token_endpoint"] = $"{Authority}/token",
            ["jwks_uri"] = $"{Authority}/jwks",
            ["response_types_supported"] = Code,
            ["subject_types_supported"] = Public,
            ["id_token_signing_alg_values_supported"] = Rs256,
            ["code_challenge_methods_supported"] = S256,
        }));
        _app.MapGet("/jwks", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_key.ExportParameters(false)) { KeyId = signing.KeyId });
            return Results.Json(new { keys = new[] { new { kty = jwk.Kty, use = "sig", kid = jwk.Kid, alg = "RS256", n = jwk.N, e = jwk.E } } });
        });
        _app.MapGet("/authorize", (HttpRequest request) =>
        {
            var query = request.Query;
            if (query["client_id"] != ClientId || query["response_type"] != "code" || query["code_challenge_method"] != "S256")
            {
                return Results.BadRequest("unsupported authorization request");
            }

            var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            _codes[code] = (query["nonce"].ToString(), query["code_challenge"].ToString(), query["redirect_uri"].ToString());
            return Results.Redirect($"{query["redirect_uri"]}?code={code}&state={Uri.EscapeDataString(query["state"].ToString())}");
        });
        _app.MapPost("/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            var verifier = form["code_verifier"].ToString();
            var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
            if (form["grant_type"] != "authorization_code" || form["client_id"] != ClientId || form["client_secret"] != ClientSecret
                || !_codes.TryRemove(form["code"].ToString(), out var issued) || issued.Challenge != challenge || issued.RedirectUri != form["redirect_uri"])
            {
                return Results.Json(new { error = "invalid_grant" }, statusCode: StatusCodes.Status400BadRequest);
            }

            List<Claim> claims = [new("sub", $"idp-{user}"), new("preferred_username", user), new("nonce", issued.Nonce)];
            if (role is not null)
            {
                claims.Add(new Claim("role", role));
            }

            if (bureau is not null)
            {
                claims.Add(new Claim("steward", bureau));
            }

            var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = Authority,
                Audience = ClientId,
                Subject = new ClaimsIdentity(claims),
                IssuedAt = DateTime.UtcNow,
                Expires = DateTime.UtcNow.AddMinutes(5),
                SigningCredentials = new SigningCredentials(signing, SecurityAlgorithms.RsaSha256),
            });
            return Results.Json(new { access_token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), token_type = "Bearer", expires_in = 300, id_token = idToken });
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _key.Dispose();
    }
}
