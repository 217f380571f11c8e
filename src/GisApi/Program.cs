using LandInventory.GisApi;
using LandInventory.GisApi.Auth;
using LandInventory.GisApi.Editing;
using LandInventory.GisApi.Errors;
using LandInventory.GisApi.Health;
using LandInventory.GisApi.History;
using LandInventory.GisApi.Http;
using LandInventory.GisApi.Importing;
using LandInventory.GisApi.Map;
using LandInventory.GisApi.OData;
using LandInventory.GisApi.OpenApi;
using LandInventory.GisApi.Operations;
using LandInventory.GisApi.Ogc;
using LandInventory.GisApi.Search;
using LandInventory.GisApi.Tiles;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddInventoryDatabase();
builder.Services.AddInventoryErrors();
builder.Services.AddInventoryHttp();
builder.Services.AddInventoryOData();
builder.Services.AddInventoryAuth();
builder.Services.AddInventoryEditing();
builder.Services.AddInventoryRateLimits();
builder.Services.AddInventoryOperations();
builder.Services.AddInvestorMap();
builder.Services.AddInventoryOpenApi();

var app = builder.Build();
app.UseTrustedProxies();
app.UseRequestIds();
app.UseSecurityHeaders();
app.UseExceptionHandler();
app.UseHeadAsGet();
app.UseRouting(); // after the HEAD requests became GETs, which the routes are declared for
app.UseInventoryHttp();
app.UseInventoryStatusPages();
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();
app.UseODataResponseCache();
app.MapOpenApi();
app.MapInventoryApiReference();
app.MapHealthEndpoints();
app.MapMetrics();
app.MapOgcEndpoints();
app.MapTileEndpoints();
app.MapSearchEndpoints();
app.MapEditEndpoints();
app.MapODataEditing();
app.MapImportEndpoints();
app.MapHistoryEndpoints();
app.MapControllers();
app.MapInvestorMap();
app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
