using Microsoft.Extensions.Options;

namespace LandInventory.GisApi.Tests.Operations;

/// <summary>Settings are bound and checked when the service starts: a bad value stops it, naming the key.</summary>
public sealed class SettingsTests(InventoryApi api) : IClassFixture<InventoryApi>
{
    [Theory]
    [InlineData("Database:StatementTimeoutSeconds", "0")]
    [InlineData("Database:ParallelWorkersPerQuery", "-1")]
    [InlineData("ResponseCache:SizeLimitMb", "0")]
    [InlineData("RateLimit:PerSecond", "0")]
    [InlineData("Limits:MaxRequestBodyMb", "0")]
    [InlineData("Imports:MaxUploadMb", "0")]
    [InlineData("Shutdown:TimeoutSeconds", "-5")]
    [InlineData("Map:BaseTileCrs", "mercator")]
    [InlineData("Map:BaseTileUrl", "tiles.example/z/x/y.png")]
    [InlineData("Auth:SigningKey", "too-short")]
    public async Task Start_WithAnOutOfRangeSetting_FailsNamingTheKey(string key, string value)
    {
        var failure = await StartFailureAsync<OptionsValidationException>(key, value);

        Assert.Contains(key, failure.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// What starting the service with one setting throws. The test host sometimes loses the race with an app that fails
    /// at start and reports its own disposed container instead (ObjectDisposedException from its deferred host, seen
    /// under load; dotnet/aspnetcore#33494); the start is then tried again, at most three times.
    /// </summary>
    private async Task<T> StartFailureAsync<T>(string key, string value)
        where T : Exception
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var factory = new ApiFactory(api.Database.ConnectionString, (key, value), ("Warmup:Enabled", "false"));
            try
            {
                factory.CreateClient().Dispose();
            }
            catch (ObjectDisposedException) when (attempt < 3)
            {
                continue;
            }
            catch (T failure)
            {
                return failure;
            }

            Assert.Fail($"the service started with {key}={value}");
        }
    }

    [Theory]
    [InlineData("Database:StatementTimeoutSeconds", "fifteen")]
    [InlineData("RateLimit:Enabled", "maybe")]
    public async Task Start_WithASettingOfTheWrongType_FailsNamingTheKey(string key, string value)
    {
        var failure = await StartFailureAsync<InvalidOperationException>(key, value);

        Assert.Contains(key, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithoutADatabase_FailsSayingWhichKeyToSet()
    {
        await using var factory = new ApiFactory("", ("Warmup:Enabled", "false"));

        var failure = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("ConnectionStrings:Inventory", failure.Message, StringComparison.Ordinal);
    }
}
