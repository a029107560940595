using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PharmacyPos.Data.PostgreSql.Migrations
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StoreId = table.Column<int>(type: "integer", nullable: false),
                    TerminalId = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Cashier = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    ParkedAt = table.Column<long>(type: "bigint", nullable: false),
                    Total = table.Column<long>(type: "bigint", nullable: false),
                    ItemCount = table.Column<int>(type: "integer", nullable: false),
                    Summary = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Items = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_parked_sales", x => new { x.StoreId, x.Id });
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
