using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LandInventory.Data.Versions;

public sealed class LayerChangeConfiguration : IEntityTypeConfiguration<LayerChange>
{
    public void Configure(EntityTypeBuilder<LayerChange> builder)
    {
        builder.ToTable("layer_changes");
        builder.HasKey(c => new { c.Layer, c.Version });
        builder.Property(c => c.Layer).HasMaxLength(64);
    }
}
