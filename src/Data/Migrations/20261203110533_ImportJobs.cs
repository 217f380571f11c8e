using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LandInventory.Data.Migrations
{
    /// <inheritdoc />
    public partial class ImportJobs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "import_jobs",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    owner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    steward = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    every_bureau = table.Column<bool>(type: "boolean", nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    layer = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    mode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    dry_run = table.Column<bool>(type: "boolean", nullable: false),
                    skip_invalid = table.Column<bool>(type: "boolean", nullable: false),
                    crs = table.Column<string>(type: "text", nullable: true),
                    survey_tolerance_m = table.Column<double>(type: "double precision", nullable: false),
                    source_name = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    format = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    source_table = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: true),
                    mapping_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    mapping_body = table.Column<string>(type: "text", nullable: true),
                    upload = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    stored = table.Column<long>(type: "bigint", nullable: false),
                    bytes = table.Column<long>(type: "bigint", nullable: false),
                    bytes_read = table.Column<long>(type: "bigint", nullable: false),
                    basis = table.Column<long>(type: "bigint", nullable: true),
                    expected_basis = table.Column<long>(type: "bigint", nullable: true),
                    review_of = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    committed_by = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    run_by = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    report = table.Column<string>(type: "json", nullable: true),
                    error = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    progress_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_jobs", x => x.id);
                    table.CheckConstraint("ck_import_jobs_state", "state IN ('queued', 'running', 'succeeded', 'invalid', 'failed', 'stale')");
                });

            migrationBuilder.CreateTable(
                name: "import_uploads",
                columns: table => new
                {
                    upload = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    seq = table.Column<int>(type: "integer", nullable: false),
                    data = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_uploads", x => new { x.upload, x.seq });
                });

            migrationBuilder.CreateIndex(
                name: "ix_import_jobs_finished_at",
                table: "import_jobs",
                column: "finished_at");

            migrationBuilder.CreateIndex(
                name: "ix_import_jobs_owner",
                table: "import_jobs",
                column: "owner",
                filter: "finished_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_import_jobs_state_created_at",
                table: "import_jobs",
                columns: new[] { "state", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_import_jobs_upload",
                table: "import_jobs",
                column: "upload");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "import_jobs");

            migrationBuilder.DropTable(
                name: "import_uploads");
        }
    }
}
