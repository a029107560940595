using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PharmacyPos.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class RegulatedDrugs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "EphedrineLimit",
                table: "store_settings",
                type: "integer",
                nullable: false,
                defaultValue: 2);

            migrationBuilder.AddColumn<int>(
                name: "EphedrineRepeatDays",
                table: "store_settings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Class",
                table: "drugs",
                type: "integer",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<bool>(
                name: "ContainsEphedrine",
                table: "drugs",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "SplitPrice",
                table: "drugs",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SplitUnit",
                table: "drugs",
                type: "character varying(4)",
                maxLength: 4,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SplitsPerPack",
                table: "drugs",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ephedrine_sales",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StoreId = table.Column<int>(type: "integer", nullable: false),
                    TradeNo = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    SoldAt = table.Column<long>(type: "bigint", nullable: false),
                    DrugCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    DrugName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Specification = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Manufacturer = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Quantity = table.Column<int>(type: "integer", nullable: false),
                    Unit = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    LotNo = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    BuyerName = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    BuyerId = table.Column<string>(type: "character varying(68)", maxLength: 68, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ephedrine_sales", x => new { x.StoreId, x.Id });
                });

            migrationBuilder.CreateTable(
                name: "prescriptions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StoreId = table.Column<int>(type: "integer", nullable: false),
                    TradeNo = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    RecordedAt = table.Column<long>(type: "bigint", nullable: false),
                    Hospital = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Doctor = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    PatientName = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    PharmacistUserName = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    PharmacistName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    ReviewedAt = table.Column<long>(type: "bigint", nullable: false),
                    Drugs = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Photo = table.Column<byte[]>(type: "bytea", nullable: true),
                    PhotoType = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_prescriptions", x => new { x.StoreId, x.Id });
                });

            migrationBuilder.CreateIndex(
                name: "IX_ephedrine_sales_StoreId_SoldAt",
                table: "ephedrine_sales",
                columns: new[] { "StoreId", "SoldAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ephedrine_sales_StoreId_TradeNo",
                table: "ephedrine_sales",
                columns: new[] { "StoreId", "TradeNo" });

            migrationBuilder.CreateIndex(
                name: "IX_prescriptions_StoreId_RecordedAt",
                table: "prescriptions",
                columns: new[] { "StoreId", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_prescriptions_StoreId_TradeNo",
                table: "prescriptions",
                columns: new[] { "StoreId", "TradeNo" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ephedrine_sales");

            migrationBuilder.DropTable(
                name: "prescriptions");

            migrationBuilder.DropColumn(
                name: "EphedrineLimit",
                table: "store_settings");

            migrationBuilder.DropColumn(
                name: "EphedrineRepeatDays",
                table: "store_settings");

            migrationBuilder.DropColumn(
                name: "Class",
                table: "drugs");

            migrationBuilder.DropColumn(
                name: "ContainsEphedrine",
                table: "drugs");

            migrationBuilder.DropColumn(
                name: "SplitPrice",
                table: "drugs");

            migrationBuilder.DropColumn(
                name: "SplitUnit",
                table: "drugs");

            migrationBuilder.DropColumn(
                name: "SplitsPerPack",
                table: "drugs");
        }
    }
}
