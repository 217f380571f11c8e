using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LandInventory.Data.Stewards;

/// <summary>
/// The stewards are reference data of the zone's organisation, not imported: they are seeded here, so that a record
/// can only name a bureau that exists and a renamed bureau is one migration.
/// </summary>
public sealed class StewardConfiguration : IEntityTypeConfiguration<Steward>
{
    public void Configure(EntityTypeBuilder<Steward> builder)
    {
        builder.ToTable("stewards", t => t.HasCheckConstraint("ck_stewards_id_slug", "id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'"));
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasMaxLength(64);
        builder.Property(s => s.NameZh).HasMaxLength(100);
        builder.Property(s => s.NameEn).HasMaxLength(200);
        builder.HasData(
            Seed("jk-investment-promotion", "成都经开区投资促进局", "Chengdu Jingkai Investment Promotion Bureau"),
            Seed("jk-auto-manufacturing", "成都经开区汽车和先进制造业发展局",
                "Chengdu Jingkai Automotive and Advanced Manufacturing Development Bureau"),
            Seed("jk-sino-french-eco-park", "成都经开区中法成都生态园发展局",
                "Sino-French Chengdu Eco-Park Development Bureau"),
            Seed("jk-investment-company", "经开区招商公司", "Jingkai Investment Company"),
            Seed("jk-operating-company", "经开区运营公司", "Jingkai Operating Company"),
            Seed("jk-project-construction", "成都经开区项目建设服务局", "Chengdu Jingkai Project Construction Service Bureau"),
            Seed("jk-enterprise-service", "成都经开区企业服务局", "Chengdu Jingkai Enterprise Service Bureau"),
            Seed("lqy-planning-resources", "成都市龙泉驿区规划和自然资源局",
                "Longquanyi District Planning and Natural Resources Bureau"));
    }

    private static Steward Seed(string id, string nameZh, string nameEn) => new() { Id = id, NameZh = nameZh, NameEn = nameEn };
}
