using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LandInventory.Data.Jobs;

/// <summary>
/// The import jobs and their uploads: the service's own work, not an inventory layer (no history, no layer version). The
/// API checks who may read a job (its owner, an admin); the tables hold no inquirer's data.
/// </summary>
public sealed class ImportJobConfiguration : IEntityTypeConfiguration<ImportJobRecord>, IEntityTypeConfiguration<ImportUploadChunk>
{
    public const string Table = "import_jobs";

    public const string UploadTable = "import_uploads";

    public static readonly string[] States = ["queued", "running", "succeeded", "invalid", "failed", "stale"];

    public void Configure(EntityTypeBuilder<ImportJobRecord> builder)
    {
        builder.ToTable(Table, t => t.HasCheckConstraint("ck_import_jobs_state", $"state IN ({string.Join(", ", States.Select(s => $"'{s}'"))})"));
        builder.HasKey(j => j.Id);
        builder.Property(j => j.Id).HasMaxLength(32).ValueGeneratedNever();
        builder.Property(j => j.Owner).HasMaxLength(200);
        builder.Property(j => j.Steward).HasMaxLength(64);
        builder.Property(j => j.State).HasMaxLength(16);
        builder.Property(j => j.Layer).HasMaxLength(32);
        builder.Property(j => j.Mode).HasMaxLength(16);
        builder.Property(j => j.SourceName).HasMaxLength(260);
        builder.Property(j => j.Format).HasMaxLength(32);
        builder.Property(j => j.SourceTable).HasMaxLength(260);
        builder.Property(j => j.MappingName).HasMaxLength(200);
        builder.Property(j => j.Upload).HasMaxLength(32);
        builder.Property(j => j.ReviewOf).HasMaxLength(32);
        builder.Property(j => j.CommittedBy).HasMaxLength(32);
        builder.Property(j => j.RunBy).HasMaxLength(300);
        builder.Property(j => j.Report).HasColumnType("json");
        builder.Property(j => j.CreatedAt).HasDefaultValueSql("now()");

        // The runners' claim (the oldest queued first), the admission's counts (the unfinished, per owner), the retention
        // sweep, and which jobs still hold an upload.
        builder.HasIndex(j => new { j.State, j.CreatedAt });
        builder.HasIndex(j => j.Owner).HasFilter("finished_at IS NULL");
        builder.HasIndex(j => j.FinishedAt);
        builder.HasIndex(j => j.Upload);
    }

    public void Configure(EntityTypeBuilder<ImportUploadChunk> builder)
    {
        builder.ToTable(UploadTable);
        builder.HasKey(c => new { c.Upload, c.Seq });
        builder.Property(c => c.Upload).HasMaxLength(32);
        builder.Property(c => c.Data).HasColumnType("bytea");
    }
}
