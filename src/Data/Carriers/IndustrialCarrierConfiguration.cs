using LandInventory.Data.Spatial;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LandInventory.Data.Carriers;

public sealed class IndustrialCarrierConfiguration : IEntityTypeConfiguration<IndustrialCarrier>
{
    public void Configure(EntityTypeBuilder<IndustrialCarrier> builder)
    {
        builder.ToTable(CarrierSchema.Layer.Table);
        builder.ConfigureRecord();
        builder.HasIndex(c => c.Status);
        // GIN makes "serves industry X" (= ANY / @>) an index lookup.
        builder.HasIndex(c => c.Industries).HasMethod("gin");
        // The site-selection match's hard criteria (GisApi Matching/): each its own index.
        builder.HasIndex(c => c.Kind);
        builder.HasIndex(c => c.PowerCapacityKva);
        builder.HasFloorSpaceIndexes();
        builder.HasFloorSpace(nameof(IndustrialCarrier.TotalFloorAreaSqm), "total_floor_area_sqm");
        builder.Property(c => c.PowerCapacityKva).HasPrecision(10, 1);
        builder.Property(c => c.Operator).HasMaxLength(200);
        builder.HasPoint(nameof(IndustrialCarrier.Location), "location");
        builder.HasMultiPolygon(nameof(IndustrialCarrier.SiteBoundary), "site_boundary", required: false);
        builder.HasNonNegative("power_capacity_kva");
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_industrial_carriers_fully_let_no_vacancy",
                "status <> 'fully_let' OR vacant_floor_area_sqm = 0");
            t.HasCheckConstraint("ck_industrial_carriers_industries", "cardinality(industries) > 0");
        });
    }
}
