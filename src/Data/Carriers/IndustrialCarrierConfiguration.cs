using LandInventory.Data.Spatial;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LandInventory.Data.Carriers;

public sealed class IndustrialCarrierConfiguration : IEntityTypeConfiguration<IndustrialCarrier>
{
    public void Configure(EntityTypeBuilder<IndustrialCarrier> builder)
    {
        builder.ToTable("industrial_carriers");
        builder.ConfigureRecord();
        builder.HasIndex(c => c.Status);
        // GIN makes "serves industry X" (= ANY / @>) an index lookup.
        builder.HasIndex(c => c.Industries).HasMethod("gin");
        builder.Property(c => c.TotalFloorAreaSqm).HasPrecision(12, 2);
        builder.Property(c => c.VacantFloorAreaSqm).HasPrecision(12, 2);
        builder.Property(c => c.FloorHeightM).HasPrecision(5, 2);
        builder.Property(c => c.FloorLoadKnPerSqm).HasPrecision(6, 2);
        builder.Property(c => c.PowerCapacityKva).HasPrecision(10, 1);
        builder.Property(c => c.RentCnyPerSqmMonth).HasPrecision(8, 2);
        builder.Property(c => c.Operator).HasMaxLength(200);
        builder.HasPoint(nameof(IndustrialCarrier.Location), "location");
        builder.HasMultiPolygon(nameof(IndustrialCarrier.SiteBoundary), "site_boundary", required: false);
        builder.HasNonNegative("vacant_floor_area_sqm", "power_capacity_kva", "rent_cny_per_sqm_month");
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_industrial_carriers_total_floor_area_positive", "total_floor_area_sqm > 0");
            t.HasCheckConstraint("ck_industrial_carriers_vacant_le_total", "vacant_floor_area_sqm <= total_floor_area_sqm");
            t.HasCheckConstraint("ck_industrial_carriers_fully_let_no_vacancy",
                "status <> 'fully_let' OR vacant_floor_area_sqm = 0");
            t.HasCheckConstraint("ck_industrial_carriers_industries", "cardinality(industries) > 0");
            t.HasCheckConstraint("ck_industrial_carriers_floor_height_positive", "floor_height_m > 0");
            t.HasCheckConstraint("ck_industrial_carriers_floor_load_positive", "floor_load_kn_per_sqm > 0");
        });
    }
}
