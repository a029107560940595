using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PharmacyPos.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ParkedSales : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "parked_sales",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StoreId = table.Column<int>(type: "INTEGER", nullable: false),
                    TerminalId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Cashier = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    ParkedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Total = table.Column<long>(type: "INTEGER", nullable: false),
                    ItemCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Items = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_parked_sales", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_parked_sales_StoreId_TerminalId_ParkedAt",
                table: "parked_sales",
                columns: new[] { "StoreId", "TerminalId", "ParkedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "parked_sales");
        }
    }
}
