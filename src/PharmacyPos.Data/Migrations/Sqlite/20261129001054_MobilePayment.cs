using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PharmacyPos.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MobilePayment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "CancelRequested",
                table: "orders",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ChannelTradeId",
                table: "orders",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ConfirmDeadline",
                table: "orders",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FailureCode",
                table: "orders",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FailureMessage",
                table: "orders",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "FinishedAt",
                table: "orders",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InsuredName",
                table: "orders",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PsnNo",
                table: "orders",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RouteExplanation",
                table: "orders",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "registrations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TradeNo = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    StoreId = table.Column<int>(type: "INTEGER", nullable: false),
                    RegisteredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Method = table.Column<int>(type: "INTEGER", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    InsuredName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    PsnNo = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PurchaserName = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    PurchaserId = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 11, nullable: false),
                    Relation = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registrations", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_orders_Status_CreatedAt",
                table: "orders",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_registrations_StoreId_RegisteredAt",
                table: "registrations",
                columns: new[] { "StoreId", "RegisteredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_registrations_TradeNo",
                table: "registrations",
                column: "TradeNo",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "registrations");

            migrationBuilder.DropIndex(
                name: "IX_orders_Status_CreatedAt",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "CancelRequested",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "ChannelTradeId",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "ConfirmDeadline",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "FailureCode",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "FailureMessage",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "FinishedAt",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "InsuredName",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "PsnNo",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "RouteExplanation",
                table: "orders");
        }
    }
}
