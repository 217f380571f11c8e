using LandInventory.Data.Accounts;
using LandInventory.Data.Areas;
using LandInventory.Data.Buildings;
using LandInventory.Data.Carriers;
using LandInventory.Data.History;
using LandInventory.Data.Parcels;
using LandInventory.Data.Stewards;
using LandInventory.Data.Versions;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace LandInventory.Data;

/// <summary>
/// The one schema the API reads and the importer writes, and the workspace's accounts (ASP.NET Core Identity's user
/// store: one database, one migration history). Configure it with <see cref="InventoryDatabase"/>.
/// </summary>
public class InventoryDbContext(DbContextOptions<InventoryDbContext> options) : IdentityUserContext<Account>(options)
{
    public DbSet<Area> Areas => Set<Area>();

    public DbSet<LandParcel> LandParcels => Set<LandParcel>();

    public DbSet<IndustrialCarrier> IndustrialCarriers => Set<IndustrialCarrier>();

    public DbSet<Building> Buildings => Set<Building>();

    public DbSet<Steward> Stewards => Set<Steward>();

    public DbSet<Places.Place> Places => Set<Places.Place>();

    public DbSet<LayerVersion> LayerVersions => Set<LayerVersion>();

    public DbSet<LayerChange> LayerChanges => Set<LayerChange>();

    public DbSet<FeatureChange> FeatureHistory => Set<FeatureChange>();

    public DbSet<AccessToken> AccessTokens => Set<AccessToken>();

    public DbSet<Inquiries.Inquiry> Inquiries => Set<Inquiries.Inquiry>();

    public DbSet<Mappings.KeptMapping> KeptMappings => Set<Mappings.KeptMapping>();

    public DbSet<Jobs.ImportJobRecord> ImportJobs => Set<Jobs.ImportJobRecord>();

    public DbSet<Jobs.ImportUploadChunk> ImportUploads => Set<Jobs.ImportUploadChunk>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        AccountConfiguration.Configure(builder);
        builder.HasPostgresExtension("postgis");
        builder.ApplyConfigurationsFromAssembly(typeof(InventoryDbContext).Assembly);
        Spatial.Geodesic.Configure(builder);
    }
}
