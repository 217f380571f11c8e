using Microsoft.EntityFrameworkCore.Design;

namespace LandInventory.Data;

/// <summary>For <c>dotnet ef migrations add</c>: building a migration needs the model, not a live database.</summary>
internal sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<InventoryDbContext>
{
    public InventoryDbContext CreateDbContext(string[] args) =>
        InventoryDatabase.CreateContext(
            Environment.GetEnvironmentVariable("ConnectionStrings__Inventory") ?? "Host=127.0.0.1;Database=landinventory");
}
