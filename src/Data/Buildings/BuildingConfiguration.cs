using LandInventory.Data.Spatial;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LandInventory.Data.Buildings;

public sealed class BuildingConfiguration : IEntityTypeConfiguration<Building>
{
    public void Configure(EntityTypeBuilder<Building> builder)
    {
        builder.ToTable("buildings");
        builder.ConfigureRecord();
        // A carrier with buildings cannot be deleted by accident; the buildings must be moved or removed first.
        builder.HasOne(b => b.Carrier).WithMany(c => c.Buildings).HasForeignKey(b => b.CarrierId)
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(b => b.CarrierId);
        builder.Property(b => b.GrossFloorAreaSqm).HasPrecision(12, 2);
        builder.Property(b => b.VacantFloorAreaSqm).HasPrecision(12, 2);
        builder.Property(b => b.FloorHeightM).HasPrecision(5, 2);
        builder.Property(b => b.FloorLoadKnPerSqm).HasPrecision(6, 2);
        builder.Property(b => b.RentCnyPerSqmMonth).HasPrecision(8, 2);
        builder.HasMultiPolygon(nameof(Building.Footprint), "footprint", required: true);
        builder.HasNonNegative("vacant_floor_area_sqm", "rent_cny_per_sqm_month");
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_buildings_floors_positive", "floors > 0");
            t.HasCheckConstraint("ck_buildings_gross_floor_area_positive", "gross_floor_area_sqm > 0");
            t.HasCheckConstraint("ck_buildings_vacant_le_gross", "vacant_floor_area_sqm <= gross_floor_area_sqm");
            t.HasCheckConstraint("ck_buildings_floor_height_positive", "floor_height_m > 0");
            t.HasCheckConstraint("ck_buildings_floor_load_positive", "floor_load_kn_per_sqm > 0");
        });
    }
}
