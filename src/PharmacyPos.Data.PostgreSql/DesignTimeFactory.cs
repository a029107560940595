using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PharmacyPos.Data.PostgreSql;

/// <summary>For `dotnet ef migrations add X --project src/PharmacyPos.Data.PostgreSql`: builds the model for PostgreSQL; connects nowhere.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<PosDbContext>
{
    public PosDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PosDbContext>();
        builder.UsePosDatabase(new DatabaseOptions { PostgreSql = "Host=localhost;Database=pharmacypos_design", PersonalDataKey = "ZGVzaWduLXRpbWUtb25seS1ub3QtYS1yZWFsLWtleSE=" });
        return new PosDbContext(builder.Options);
    }
}
