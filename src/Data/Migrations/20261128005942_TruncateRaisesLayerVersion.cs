using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LandInventory.Data.Migrations
{
    /// <inheritdoc />
    public partial class TruncateRaisesLayerVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(LandInventory.Data.Versions.LayerVersionTriggers.ReplaceFunction);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(LandInventory.Data.Versions.LayerVersionTriggers.CreateFunction.Replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", StringComparison.Ordinal));
        }
    }
}
