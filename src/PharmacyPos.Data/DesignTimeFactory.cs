using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PharmacyPos.Data;

/// <summary>Lets `dotnet ef migrations add` build the context without starting the web host.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<PosDbContext>
{
    public PosDbContext CreateDbContext(string[] args) =>
        new((DbContextOptions<PosDbContext>)new DbContextOptionsBuilder<PosDbContext>()
            .UsePosDatabase(new DatabaseOptions { Path = "design.db", PersonalDataKey = DesignKey }).Options);

    /// <summary>Migrations only need the model's shape; no data is sealed with this.</summary>
    internal const string DesignKey = "ZGVzaWduLXRpbWUtb25seS1ub3QtYS1yZWFsLWtleSE=";
}
