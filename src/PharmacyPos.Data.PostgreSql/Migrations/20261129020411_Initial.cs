using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PharmacyPos.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "drugs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Barcode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Specification = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Manufacturer = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Unit = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    RetailPrice = table.Column<long>(type: "bigint", nullable: false),
                    PinyinInitials = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    NationalCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    WhollySelfPaid = table.Column<bool>(type: "boolean", nullable: false),
                    Category = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_drugs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "orders",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StoreId = table.Column<int>(type: "integer", nullable: false),
                    TradeNo = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    TerminalId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    PaidAt = table.Column<long>(type: "bigint", nullable: true),
                    Total = table.Column<long>(type: "bigint", nullable: false),
                    Method = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    CashReceived = table.Column<long>(type: "bigint", nullable: true),
                    Change = table.Column<long>(type: "bigint", nullable: true),
                    ChannelTradeId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    RouteExplanation = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    PsnNo = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    InsuredName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    ConfirmDeadline = table.Column<long>(type: "bigint", nullable: true),
                    CancelRequested = table.Column<bool>(type: "boolean", nullable: false),
                    FailureCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    FailureMessage = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    FinishedAt = table.Column<long>(type: "bigint", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    SettledUnattended = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_orders", x => new { x.StoreId, x.Id });
                });

            migrationBuilder.CreateTable(
                name: "payment_journal",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StoreId = table.Column<int>(type: "integer", nullable: false),
                    TradeNo = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    RefundNo = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    At = table.Column<long>(type: "bigint", nullable: false),
                    Event = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Detail = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payment_journal", x => new { x.StoreId, x.Id });
                });

            migrationBuilder.CreateTable(
                name: "reconciliation_runs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StoreId = table.Column<int>(type: "integer", nullable: false),
                    Day = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    RanAt = table.Column<long>(type: "bigint", nullable: false),
                    TradesCompared = table.Column<int>(type: "integer", nullable: false),
                    DifferenceCount = table.Column<int>(type: "integer", nullable: false),
                    Report = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reconciliation_runs", x => new { x.StoreId, x.Id });
                });

            migrationBuilder.CreateTable(
                name: "refunds",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StoreId = table.Column<int>(type: "integer", nullable: false),
                    OrderId = table.Column<long>(type: "bigint", nullable: false),
                    TradeNo = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    RefundNo = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Method = table.Column<int>(type: "integer", nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    RequestedAt = table.Column<long>(type: "bigint", nullable: false),
                    FinishedAt = table.Column<long>(type: "bigint", nullable: true),
                    FailureMessage = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_refunds", x => new { x.StoreId, x.Id });
                });

            migrationBuilder.CreateTable(
                name: "registrations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StoreId = table.Column<int>(type: "integer", nullable: false),
                    TradeNo = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    RegisteredAt = table.Column<long>(type: "bigint", nullable: false),
                    Method = table.Column<int>(type: "integer", nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    InsuredName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    PsnNo = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PurchaserName = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    PurchaserId = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    Phone = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: false),
                    Relation = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registrations", x => new { x.StoreId, x.Id });
                });

            migrationBuilder.CreateTable(
                name: "stores",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    No = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stores", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "terminals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StoreId = table.Column<int>(type: "integer", nullable: false),
                    No = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    LastSignIn = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_terminals", x => new { x.StoreId, x.Id });
                });

            migrationBuilder.CreateTable(
                name: "order_lines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StoreId = table.Column<int>(type: "integer", nullable: false),
                    LineNo = table.Column<int>(type: "integer", nullable: false),
                    DrugCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    DrugName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Specification = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Unit = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    NationalCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    WhollySelfPaid = table.Column<bool>(type: "boolean", nullable: false),
                    UnitPrice = table.Column<long>(type: "bigint", nullable: false),
                    Quantity = table.Column<int>(type: "integer", nullable: false),
                    OrderId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_order_lines", x => new { x.StoreId, x.Id });
                    table.ForeignKey(
                        name: "FK_order_lines_orders_StoreId_OrderId",
                        columns: x => new { x.StoreId, x.OrderId },
                        principalTable: "orders",
                        principalColumns: new[] { "StoreId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_drugs_Barcode",
                table: "drugs",
                column: "Barcode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_drugs_Code",
                table: "drugs",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_drugs_PinyinInitials",
                table: "drugs",
                column: "PinyinInitials");

            migrationBuilder.CreateIndex(
                name: "IX_order_lines_StoreId_OrderId",
                table: "order_lines",
                columns: new[] { "StoreId", "OrderId" });

            migrationBuilder.CreateIndex(
                name: "IX_orders_StoreId_CreatedAt",
                table: "orders",
                columns: new[] { "StoreId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_orders_StoreId_PsnNo_CreatedAt",
                table: "orders",
                columns: new[] { "StoreId", "PsnNo", "CreatedAt" });

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
                name: "IX_payment_journal_StoreId_TradeNo_Id",
                table: "payment_journal",
                columns: new[] { "StoreId", "TradeNo", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_reconciliation_runs_StoreId_Day_RanAt",
                table: "reconciliation_runs",
                columns: new[] { "StoreId", "Day", "RanAt" });

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
                name: "IX_registrations_StoreId_RegisteredAt",
                table: "registrations",
                columns: new[] { "StoreId", "RegisteredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_registrations_StoreId_TradeNo",
                table: "registrations",
                columns: new[] { "StoreId", "TradeNo" },
                unique: true);

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
                name: "drugs");

            migrationBuilder.DropTable(
                name: "order_lines");

            migrationBuilder.DropTable(
                name: "payment_journal");

            migrationBuilder.DropTable(
                name: "reconciliation_runs");

            migrationBuilder.DropTable(
                name: "refunds");

            migrationBuilder.DropTable(
                name: "registrations");

            migrationBuilder.DropTable(
                name: "stores");

            migrationBuilder.DropTable(
                name: "terminals");

            migrationBuilder.DropTable(
                name: "orders");
        }
    }
}
