using LandInventory.GisApi;
using LandInventory.GisApi.Errors;
using LandInventory.GisApi.Health;
using LandInventory.GisApi.Http;
using LandInventory.GisApi.Ogc;
using LandInventory.GisApi.Search;
using LandInventory.GisApi.Tiles;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddInventoryDatabase(builder.Configuration);
builder.Services.AddInventoryErrors();
builder.Services.AddInventoryHttp(builder.Configuration);
builder.Services.AddOpenApi();

var app = builder.Build();
app.UseExceptionHandler();
app.UseInventoryHttp();
app.UseStatusCodePages();
app.MapOpenApi();
app.MapScalarApiReference();
app.MapHealthEndpoints();
app.MapOgcEndpoints();
app.MapTileEndpoints();
app.MapSearchEndpoints();
app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
