using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PharmacyPos.Data;

/// <summary>Lets `dotnet ef migrations add` build the context without starting the web host.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<PosDbContext>
{
    public PosDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PosDbContext>().UseSqlite("Data Source=design.db").Options);
}
