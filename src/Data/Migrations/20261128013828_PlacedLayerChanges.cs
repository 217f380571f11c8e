using LandInventory.Data.Versions;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LandInventory.Data.Migrations
{
    /// <inheritdoc />
    public partial class PlacedLayerChanges : Migration
    {
        /// <summary>The tables whose version triggers this migration replaced, and the geometry each records the place of.</summary>
        private static readonly string[] Tables = new[] { "areas", "land_parcels", "industrial_carriers", "buildings" };

        private static readonly (string Table, string Geometry)[] Placed = new[] { ("areas", "boundary"), ("land_parcels", "boundary"), ("industrial_carriers", "location"), ("buildings", "footprint") };

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "layer_changes",
                columns: table => new
                {
                    layer = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    min_x = table.Column<double>(type: "double precision", nullable: true),
                    min_y = table.Column<double>(type: "double precision", nullable: true),
                    max_x = table.Column<double>(type: "double precision", nullable: true),
                    max_y = table.Column<double>(type: "double precision", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_layer_changes", x => new { x.layer, x.version });
                });

            // The triggers now pass their geometry column and see old and new rows; the function records the box.
            foreach (var statement in Tables.SelectMany(LayerVersionTriggers.Drop))
            {
                migrationBuilder.Sql(statement);
            }

            migrationBuilder.Sql(LayerVersionTriggers.PlacedFunction);
            foreach (var statement in Placed.SelectMany(LayerVersionTriggers.CreatePlaced))
            {
                migrationBuilder.Sql(statement);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in Tables.SelectMany(LayerVersionTriggers.Drop))
            {
                migrationBuilder.Sql(statement);
            }

            migrationBuilder.Sql(LayerVersionTriggers.ReplaceFunction);
            foreach (var statement in Tables.SelectMany(LayerVersionTriggers.Create))
            {
                migrationBuilder.Sql(statement);
            }

            migrationBuilder.DropTable(
                name: "layer_changes");
        }
    }
}
