using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PharmacyPos.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StoresAndStoreKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_registrations_TradeNo",
                table: "registrations");

            migrationBuilder.DropIndex(
                name: "IX_refunds_OrderId",
                table: "refunds");

            migrationBuilder.DropIndex(
                name: "IX_refunds_RefundNo",
                table: "refunds");

            migrationBuilder.DropIndex(
                name: "IX_refunds_Status_RequestedAt",
                table: "refunds");

            migrationBuilder.DropIndex(
                name: "IX_payment_journal_TradeNo_Id",
                table: "payment_journal");

            migrationBuilder.DropIndex(
                name: "IX_orders_Status_CreatedAt",
                table: "orders");

            migrationBuilder.DropIndex(
                name: "IX_orders_TradeNo",
                table: "orders");

            migrationBuilder.AddColumn<int>(
                name: "StoreId",
                table: "order_lines",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Lines written before this migration take their order's store.
            migrationBuilder.Sql("UPDATE order_lines SET StoreId = (SELECT o.StoreId FROM orders o WHERE o.Id = order_lines.OrderId);");

            migrationBuilder.CreateTable(
                name: "stores",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    No = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stores", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "terminals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StoreId = table.Column<int>(type: "INTEGER", nullable: false),
                    No = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    LastSignIn = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_terminals", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_registrations_StoreId_TradeNo",
                table: "registrations",
                columns: new[] { "StoreId", "TradeNo" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_refunds_StoreId_OrderId",
                table: "refunds",
                columns: new[] { "StoreId", "OrderId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_refunds_StoreId_RefundNo",
                table: "refunds",
                columns: new[] { "StoreId", "RefundNo" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_refunds_StoreId_Status_RequestedAt",
                table: "refunds",
                columns: new[] { "StoreId", "Status", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_payment_journal_StoreId_TradeNo_Id",
                table: "payment_journal",
                columns: new[] { "StoreId", "TradeNo", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_orders_StoreId_Status_CreatedAt",
                table: "orders",
                columns: new[] { "StoreId", "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_orders_StoreId_TradeNo",
                table: "orders",
                columns: new[] { "StoreId", "TradeNo" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_orders_TradeNo",
                table: "orders",
                column: "TradeNo");

            migrationBuilder.CreateIndex(
                name: "IX_stores_No",
                table: "stores",
                column: "No",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_terminals_StoreId_No",
                table: "terminals",
                columns: new[] { "StoreId", "No" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "stores");

            migrationBuilder.DropTable(
                name: "terminals");

            migrationBuilder.DropIndex(
                name: "IX_registrations_StoreId_TradeNo",
                table: "registrations");

            migrationBuilder.DropIndex(
                name: "IX_refunds_StoreId_OrderId",
                table: "refunds");

            migrationBuilder.DropIndex(
                name: "IX_refunds_StoreId_RefundNo",
                table: "refunds");

            migrationBuilder.DropIndex(
                name: "IX_refunds_StoreId_Status_RequestedAt",
                table: "refunds");

            migrationBuilder.DropIndex(
                name: "IX_payment_journal_StoreId_TradeNo_Id",
                table: "payment_journal");

            migrationBuilder.DropIndex(
                name: "IX_orders_StoreId_Status_CreatedAt",
                table: "orders");

            migrationBuilder.DropIndex(
                name: "IX_orders_StoreId_TradeNo",
                table: "orders");

            migrationBuilder.DropIndex(
                name: "IX_orders_TradeNo",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "StoreId",
                table: "order_lines");

            migrationBuilder.CreateIndex(
                name: "IX_registrations_TradeNo",
                table: "registrations",
                column: "TradeNo",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_refunds_OrderId",
                table: "refunds",
                column: "OrderId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_refunds_RefundNo",
                table: "refunds",
                column: "RefundNo",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_refunds_Status_RequestedAt",
                table: "refunds",
                columns: new[] { "Status", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_payment_journal_TradeNo_Id",
                table: "payment_journal",
                columns: new[] { "TradeNo", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_orders_Status_CreatedAt",
                table: "orders",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_orders_TradeNo",
                table: "orders",
                column: "TradeNo",
                unique: true);
        }
    }
}
