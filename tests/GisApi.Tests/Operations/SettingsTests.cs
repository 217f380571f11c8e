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
        await using var factory = new ApiFactory(api.Database.ConnectionString, (key, value), ("Warmup:Enabled", "false"));

        var failure = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains(key, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Database:StatementTimeoutSeconds", "fifteen")]
    [InlineData("RateLimit:Enabled", "maybe")]
    public async Task Start_WithASettingOfTheWrongType_FailsNamingTheKey(string key, string value)
    {
        await using var factory = new ApiFactory(api.Database.ConnectionString, (key, value), ("Warmup:Enabled", "false"));

        var failure = Assert.ThrowsAny<InvalidOperationException>(() => factory.CreateClient());

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
