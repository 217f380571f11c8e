using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using LandInventory.Auth;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LandInventory.GisApi.Tests.Editing;

/// <summary>
/// Tokens as production issuers make them: signed with an asymmetric key whose public half the service is given
/// (RS256, ES256), and never valid for longer than <c>Auth:MaxTokenLifetimeHours</c>, whoever signed them.
/// </summary>
public sealed class TokenTests(EditableApi api) : IClassFixture<EditableApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Mint(SecurityKey key, string algorithm, TimeSpan lifetime, string issuer = TokenOptions.DefaultIssuer) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = TokenOptions.DefaultAudience,
            Subject = new ClaimsIdentity([new Claim(Roles.SubjectClaim, "ops"), new Claim(Roles.RoleClaim, Roles.Admin)]),
            NotBefore = DateTime.UtcNow.AddSeconds(-5),
            Expires = DateTime.UtcNow.Add(lifetime),
            SigningCredentials = new SigningCredentials(key, algorithm),
        });

    private static async Task<HttpStatusCode> AdminOnlyAsync(ApiFactory factory, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await factory.CreateClient().SendAsync(request, Ct);
        return response.StatusCode;
    }

    [Theory]
    [InlineData("rsa")]
    [InlineData("ec")]
    public async Task TokensSignedWithTheIssuersPrivateKey_AreTaken_GivenItsPublicKey(string kind)
    {
        using var rsa = RSA.Create(2048);
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var (key, algorithm, pem) = kind == "rsa"
            ? ((SecurityKey)new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256, rsa.ExportSubjectPublicKeyInfoPem())
            : (new ECDsaSecurityKey(ec), SecurityAlgorithms.EcdsaSha256, ec.ExportSubjectPublicKeyInfoPem());
        var file = Path.Combine(Path.GetTempPath(), $"issuer-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(file, pem, Ct);
        try
        {
            await using var factory = new ApiFactory(api.Database.ConnectionString, ("Auth:PublicKeyFile", file), ("Warmup:Enabled", "false"));
            Assert.Equal(HttpStatusCode.OK, await AdminOnlyAsync(factory, Mint(key, algorithm, TimeSpan.FromHours(1))));

            // Another key's token, a wrong issuer, a shared-secret token the service has no secret for: refused.
            using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            Assert.Equal(HttpStatusCode.Unauthorized, await AdminOnlyAsync(factory, Mint(new ECDsaSecurityKey(other), SecurityAlgorithms.EcdsaSha256, TimeSpan.FromHours(1))));
            Assert.Equal(HttpStatusCode.Unauthorized, await AdminOnlyAsync(factory, Mint(key, algorithm, TimeSpan.FromHours(1), issuer: "elsewhere")));
            Assert.Equal(HttpStatusCode.Unauthorized, await AdminOnlyAsync(factory, DevelopmentTokens.Mint(api.Settings, "ops", Roles.Admin, null, TimeSpan.FromHours(1))));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task ATokenValidForLongerThanTheMaximum_IsRefused()
    {
        Assert.Equal(HttpStatusCode.OK, await AdminOnlyAsync(api.Factory, DevelopmentTokens.Mint(api.Settings, "ops", Roles.Admin, null, TimeSpan.FromHours(23))));
        Assert.Equal(HttpStatusCode.Unauthorized, await AdminOnlyAsync(api.Factory, DevelopmentTokens.Mint(api.Settings, "ops", Roles.Admin, null, TimeSpan.FromDays(400))));
        await using var longer = new ApiFactory(api.Database.ConnectionString, ("Auth:SigningKey", EditableApi.SigningKey),
            ("Auth:MaxTokenLifetimeHours", "720"), ("Warmup:Enabled", "false"));
        Assert.Equal(HttpStatusCode.OK, await AdminOnlyAsync(longer, DevelopmentTokens.Mint(api.Settings, "ops", Roles.Admin, null, TimeSpan.FromDays(20))));
    }

    [Fact]
    public async Task APublicKeyFile_ThatHoldsNoKey_StopsStartUp_NamingTheKey()
    {
        var file = Path.Combine(Path.GetTempPath(), $"not-a-key-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(file, "hello", Ct);
        try
        {
            await using var factory = new ApiFactory(api.Database.ConnectionString, ("Auth:PublicKeyFile", file));
            var failure = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
            Assert.Contains("Auth:PublicKeyFile", failure.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
