using Microsoft.EntityFrameworkCore;
using PharmacyPos.Data.Journal;
using PharmacyPos.Domain.Catalogue;
using PharmacyPos.Domain.Journal;
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
    public DbSet<JournalEntry> Journal => Set<JournalEntry>();
    public DbSet<Reconciliation.ReconciliationRun> ReconciliationRuns => Set<Reconciliation.ReconciliationRun>();

    /// <summary>
    /// Every state change an order or refund made since it was loaded goes into the journal in
    /// the same transaction as the change itself: both are on disk, or neither.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var (sources, entries) = CollectJournal();
        try
        {
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            foreach (var source in sources) source.JournalSaved();
            return saved;
        }
        catch
        {
            // Nothing was committed; the events stay with their entity for the next attempt.
            foreach (var entry in entries) Entry(entry).State = EntityState.Detached;
            throw;
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("The POS saves asynchronously, so the journal is always written with the change.");

    private (List<IJournaled> Sources, List<JournalEntry> Entries) CollectJournal()
    {
        var sources = ChangeTracker.Entries<IJournaled>()
            .Where(e => e.State != EntityState.Detached && e.Entity.UnsavedJournal.Count > 0)
            .Select(e => e.Entity).ToList();
        var entries = sources.SelectMany(s => s.UnsavedJournal.Select(e => JournalEntry.From(s, e))).ToList();
        Journal.AddRange(entries);
        return (sources, entries);
    }

    public DbSet<Domain.Stores.Store> Stores => Set<Domain.Stores.Store>();
    public DbSet<Domain.Stores.Terminal> Terminals => Set<Domain.Stores.Terminal>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // PostgreSQL serves a chain and may be distributed by store; see docs/chains.md.
        var distributed = Database.IsNpgsql();
        modelBuilder.ApplyConfiguration(new Configuration.DrugConfiguration());
        modelBuilder.ApplyConfiguration(new Configuration.StoreConfiguration());
        modelBuilder.ApplyConfiguration(new Configuration.TerminalConfiguration(distributed));
        modelBuilder.ApplyConfiguration(new Configuration.OrderConfiguration(distributed));
        modelBuilder.ApplyConfiguration(new Configuration.OrderLineConfiguration(distributed));
        modelBuilder.ApplyConfiguration(new Configuration.RefundConfiguration(distributed));
        modelBuilder.ApplyConfiguration(new Configuration.RegistrationConfiguration(distributed));
        modelBuilder.ApplyConfiguration(new Configuration.JournalConfiguration(distributed));
        modelBuilder.ApplyConfiguration(new Configuration.ReconciliationConfiguration(distributed));
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Money is stored as integer fen: exact, and sortable by the database.
        configurationBuilder.Properties<PharmacyPos.Domain.Money>().HaveConversion<MoneyConverter>();
        configurationBuilder.Properties<TradeNo>().HaveConversion<TradeNoConverter>().HaveMaxLength(TradeNo.Length);
        // SQLite cannot order or compare DateTimeOffset as text; unix milliseconds it can.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UnixMillisecondsConverter>();
    }
}
