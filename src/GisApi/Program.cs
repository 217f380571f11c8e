using LandInventory.GisApi;
using LandInventory.GisApi.Errors;
using LandInventory.GisApi.Health;
using LandInventory.GisApi.Http;
using LandInventory.GisApi.Map;
using LandInventory.GisApi.OData;
using LandInventory.GisApi.Ogc;
using LandInventory.GisApi.Search;
using LandInventory.GisApi.Tiles;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddInventoryDatabase(builder.Configuration);
builder.Services.AddInventoryErrors();
builder.Services.AddInventoryHttp(builder.Configuration);
builder.Services.AddInventoryOData();
builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
{
    document.Info.Description = ODataSetup.OpenApiNote;
    return Task.CompletedTask;
}));

var app = builder.Build();
app.UseExceptionHandler();
app.UseInventoryHttp();
app.UseInventoryStatusPages();
app.UseODataResponseCache();
app.MapOpenApi();
app.MapScalarApiReference();
app.MapHealthEndpoints();
app.MapOgcEndpoints();
app.MapTileEndpoints();
app.MapSearchEndpoints();
app.MapControllers();
app.MapInvestorMap();
app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
