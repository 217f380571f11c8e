using LandInventory.Data.Spatial;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LandInventory.Data.Buildings;

public sealed class BuildingConfiguration : IEntityTypeConfiguration<Building>
{
    public void Configure(EntityTypeBuilder<Building> builder)
    {
        builder.ToTable(BuildingSchema.Layer.Table);
        builder.ConfigureRecord();
        // A carrier with buildings cannot be deleted by accident; the buildings must be moved or removed first.
        builder.HasOne(b => b.Carrier).WithMany(c => c.Buildings).HasForeignKey(b => b.CarrierId)
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(b => b.CarrierId);
        // The site-selection match's hard criteria (GisApi Matching/): each its own index.
        builder.HasIndex(b => b.Floors);
        builder.HasFloorSpaceIndexes();
        builder.HasFloorSpace(nameof(Building.GrossFloorAreaSqm), "gross_floor_area_sqm");
        builder.HasMultiPolygon(nameof(Building.Footprint), "footprint", required: true);
        builder.ToTable(t => t.HasCheckConstraint("ck_buildings_floors_positive", "floors > 0"));
    }
}
