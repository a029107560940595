using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PharmacyPos.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReceiptPrints : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ReceiptPrints",
                table: "orders",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ReceiptPrints",
                table: "orders");
        }
    }
}
