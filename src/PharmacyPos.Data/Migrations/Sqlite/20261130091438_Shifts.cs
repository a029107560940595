using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PharmacyPos.Data.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 50000L);

            migrationBuilder.AddColumn<long>(
                name: "ShiftDifferenceApprovalThreshold",
                table: "store_settings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1000L);

            migrationBuilder.AddColumn<long>(
                name: "ShiftId",
                table: "refunds",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ShiftId",
                table: "orders",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "cash_movements",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StoreId = table.Column<int>(type: "INTEGER", nullable: false),
                    TerminalId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ShiftId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ApprovedBy = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cash_movements", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "day_closes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StoreId = table.Column<int>(type: "INTEGER", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosedBy = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Report = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_day_closes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "shifts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StoreId = table.Column<int>(type: "INTEGER", nullable: false),
                    TerminalId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Cashier = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CashierName = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Float = table.Column<long>(type: "INTEGER", nullable: true),
                    HandedOverAt = table.Column<long>(type: "INTEGER", nullable: true),
                    HandedOverBy = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Counted = table.Column<long>(type: "INTEGER", nullable: true),
                    Expected = table.Column<long>(type: "INTEGER", nullable: true),
                    Difference = table.Column<long>(type: "INTEGER", nullable: true),
                    DifferenceApprovedBy = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Closing = table.Column<string>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_shifts", x => x.Id);
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
