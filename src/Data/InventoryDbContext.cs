using LandInventory.Data.Areas;
using LandInventory.Data.Buildings;
using LandInventory.Data.Carriers;
using LandInventory.Data.History;
using LandInventory.Data.Parcels;
using LandInventory.Data.Stewards;
using LandInventory.Data.Versions;
using Microsoft.EntityFrameworkCore;

namespace LandInventory.Data;

/// <summary>The one schema the API reads and the importer writes. Configure it with <see cref="InventoryDatabase"/>.</summary>
public class InventoryDbContext(DbContextOptions<InventoryDbContext> options) : DbContext(options)
{
    public DbSet<Area> Areas => Set<Area>();

    public DbSet<LandParcel> LandParcels => Set<LandParcel>();

    public DbSet<IndustrialCarrier> IndustrialCarriers => Set<IndustrialCarrier>();

    public DbSet<Building> Buildings => Set<Building>();

    public DbSet<Steward> Stewards => Set<Steward>();

    public DbSet<LayerVersion> LayerVersions => Set<LayerVersion>();

    public DbSet<LayerChange> LayerChanges => Set<LayerChange>();

    public DbSet<FeatureChange> FeatureHistory => Set<FeatureChange>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("postgis");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(InventoryDbContext).Assembly);
        Spatial.Geodesic.Configure(modelBuilder);
    }
}
