using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Catalogue;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Refunds;
using PharmacyPos.Domain.Registration;

namespace PharmacyPos.Data;

public sealed class PosDbContext(DbContextOptions<PosDbContext> options) : DbContext(options)
{
    public DbSet<Drug> Drugs => Set<Drug>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<PurchaseRegistration> Registrations => Set<PurchaseRegistration>();
    public DbSet<Refund> Refunds => Set<Refund>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PosDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Money is stored as integer fen: exact, and sortable by the database.
        configurationBuilder.Properties<PharmacyPos.Domain.Money>().HaveConversion<MoneyConverter>();
        configurationBuilder.Properties<TradeNo>().HaveConversion<TradeNoConverter>().HaveMaxLength(TradeNo.Length);
        // SQLite cannot order or compare DateTimeOffset as text; unix milliseconds it can.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UnixMillisecondsConverter>();
    }
}
