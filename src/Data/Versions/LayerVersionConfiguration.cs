using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LandInventory.Data.Versions;

public sealed class LayerVersionConfiguration : IEntityTypeConfiguration<LayerVersion>
{
    public void Configure(EntityTypeBuilder<LayerVersion> builder)
    {
        builder.ToTable("layer_versions");
        builder.HasKey(v => v.Layer);
        builder.Property(v => v.Layer).HasMaxLength(64);
        builder.Property(v => v.ChangedAt).HasDefaultValueSql("now()");
        builder.HasData(Layers.All.Select(l => new LayerVersion
        {
            Layer = l.Table,
            Version = 1,
            ChangedAt = new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero),
        }));
    }
}
