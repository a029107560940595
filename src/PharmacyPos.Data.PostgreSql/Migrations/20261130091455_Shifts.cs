using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PharmacyPos.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class Shifts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A store settings row from before this keeps StoreSettings' own defaults (¥500 取款, ¥10 交班差额), not ¥0.
            migrationBuilder.AddColumn<long>(
                name: "CashMovementApprovalThreshold",
                table: "store_settings",
                type: "bigint",
                nullable: false,
                defaultValue: 50000L);

            migrationBuilder.AddColumn<long>(
                name: "ShiftDifferenceApprovalThreshold",
                table: "store_settings",
                type: "bigint",
                nullable: false,
                defaultValue: 1000L);

            migrationBuilder.AddColumn<long>(
                name: "ShiftId",
                table: "refunds",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ShiftId",
                table: "orders",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "cash_movements",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StoreId = table.Column<int>(type: "integer", nullable: false),
                    TerminalId = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ShiftId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    Reason = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    At = table.Column<long>(type: "bigint", nullable: false),
                    By = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ApprovedBy = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cash_movements", x => new { x.StoreId, x.Id });
                });

            migrationBuilder.CreateTable(
                name: "day_closes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StoreId = table.Column<int>(type: "integer", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    ClosedAt = table.Column<long>(type: "bigint", nullable: false),
                    ClosedBy = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Report = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_day_closes", x => new { x.StoreId, x.Id });
                });

            migrationBuilder.CreateTable(
                name: "shifts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StoreId = table.Column<int>(type: "integer", nullable: false),
                    TerminalId = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Cashier = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CashierName = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    OpenedAt = table.Column<long>(type: "bigint", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Float = table.Column<long>(type: "bigint", nullable: true),
                    HandedOverAt = table.Column<long>(type: "bigint", nullable: true),
                    HandedOverBy = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Counted = table.Column<long>(type: "bigint", nullable: true),
                    Expected = table.Column<long>(type: "bigint", nullable: true),
                    Difference = table.Column<long>(type: "bigint", nullable: true),
                    DifferenceApprovedBy = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Closing = table.Column<string>(type: "text", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_shifts", x => new { x.StoreId, x.Id });
                });

            migrationBuilder.CreateIndex(
                name: "IX_refunds_StoreId_ShiftId",
                table: "refunds",
                columns: new[] { "StoreId", "ShiftId" });

            migrationBuilder.CreateIndex(
                name: "IX_orders_StoreId_ShiftId",
                table: "orders",
                columns: new[] { "StoreId", "ShiftId" });

            migrationBuilder.CreateIndex(
                name: "IX_cash_movements_StoreId_ShiftId",
                table: "cash_movements",
                columns: new[] { "StoreId", "ShiftId" });

            migrationBuilder.CreateIndex(
                name: "IX_day_closes_StoreId_Day",
                table: "day_closes",
                columns: new[] { "StoreId", "Day" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_shifts_StoreId_Status_OpenedAt",
                table: "shifts",
                columns: new[] { "StoreId", "Status", "OpenedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_shifts_StoreId_TerminalId_Cashier",
                table: "shifts",
                columns: new[] { "StoreId", "TerminalId", "Cashier" },
                unique: true,
                filter: "\"Status\" = 1");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cash_movements");

            migrationBuilder.DropTable(
                name: "day_closes");

            migrationBuilder.DropTable(
                name: "shifts");

            migrationBuilder.DropIndex(
                name: "IX_refunds_StoreId_ShiftId",
                table: "refunds");

            migrationBuilder.DropIndex(
                name: "IX_orders_StoreId_ShiftId",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "CashMovementApprovalThreshold",
                table: "store_settings");

            migrationBuilder.DropColumn(
                name: "ShiftDifferenceApprovalThreshold",
                table: "store_settings");

            migrationBuilder.DropColumn(
                name: "ShiftId",
                table: "refunds");

            migrationBuilder.DropColumn(
                name: "ShiftId",
                table: "orders");
        }
    }
}
