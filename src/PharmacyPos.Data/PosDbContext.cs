using Microsoft.EntityFrameworkCore;
using PharmacyPos.Data.Audit;
using PharmacyPos.Data.Journal;
using PharmacyPos.Data.PersonalData;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Staff;
using PharmacyPos.Domain.Catalogue;
using PharmacyPos.Domain.Journal;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Refunds;
using PharmacyPos.Domain.Registration;

namespace PharmacyPos.Data;

/// <param name="staff">Whom the audit log names for what this unit of work saves; background work and tests pass none (the system).</param>
/// <param name="shifts">Finds (or opens) the 班次 a till's new orders and refunds are written under; null where no till writes (tests of the data layer, background work).</param>
public sealed class PosDbContext(DbContextOptions<PosDbContext> options, StaffOnDuty? staff = null, TimeProvider? clock = null,
    Shifts.OpenShifts? shifts = null) : DbContext(options)
{
    public DbSet<StaffAccount> StaffAccounts => Set<StaffAccount>();
    public DbSet<StaffSession> StaffSessions => Set<StaffSession>();
    public DbSet<AuditEntry> Audit => Set<AuditEntry>();
    public DbSet<Domain.Stores.StoreSettings> StoreSettings => Set<Domain.Stores.StoreSettings>();

    internal PersonalDataProtector Protector => options.FindProtector()
        ?? throw new InvalidOperationException("PosDbContext needs UsePosDatabase(...): ID numbers are sealed with the configured personal-data key.");

    private DateTimeOffset Now => (clock ?? TimeProvider.System).GetUtcNow();

    /// <summary>
    /// The store whose rows this unit of work may see: the till's own. Every query of a
    /// store-owned table is filtered by it in the model, so a 交易号 of another store of the chain
    /// is simply not found — by the API, the pages, refunds, polls and recovery alike. Null only
    /// for contexts made without a till (migrations, start-up, tests of the data layer).
    /// </summary>
    public int? StoreScope => staff?.StoreId;

    /// <summary>Who this unit of work acts for, as the audit log will name them.</summary>
    public Actor Actor => staff?.Current ?? Actor.System;

    /// <summary>
    /// An audit line for what the journal cannot see (sign-ins, accounts, settings, imports),
    /// saved with the next SaveChanges. <paramref name="actor"/> names someone not yet on duty (a sign-in).
    /// </summary>
    public AuditEntry AddAudit(string action, string? tradeNo = null, Domain.Money? amount = null, string? detail = null,
        string? approver = null, Actor? actor = null)
    {
        var entry = AuditEntry.Record(staff?.StoreId ?? 0, staff?.Terminal ?? "", actor ?? Actor, Now, action, tradeNo, amount, detail, approver);
        Audit.Add(entry);
        return entry;
    }

    public DbSet<Drug> Drugs => Set<Drug>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<PurchaseRegistration> Registrations => Set<PurchaseRegistration>();
    public DbSet<Refund> Refunds => Set<Refund>();
    public DbSet<JournalEntry> Journal => Set<JournalEntry>();
    public DbSet<Reconciliation.ReconciliationRun> ReconciliationRuns => Set<Reconciliation.ReconciliationRun>();
    public DbSet<Domain.Stock.StockBatch> Batches => Set<Domain.Stock.StockBatch>();
    public DbSet<Domain.Stock.StockMovement> StockMovements => Set<Domain.Stock.StockMovement>();
    public DbSet<Domain.Sales.ParkedSale> ParkedSales => Set<Domain.Sales.ParkedSale>();
    public DbSet<Domain.Shifts.Shift> Shifts => Set<Domain.Shifts.Shift>();
    public DbSet<Domain.Shifts.CashMovement> CashMovements => Set<Domain.Shifts.CashMovement>();
    public DbSet<Domain.Shifts.DayClose> DayCloses => Set<Domain.Shifts.DayClose>();
    public DbSet<Domain.Regulated.Prescription> Prescriptions => Set<Domain.Regulated.Prescription>();
    public DbSet<Domain.Regulated.EphedrineSale> EphedrineSales => Set<Domain.Regulated.EphedrineSale>();
    public DbSet<Domain.Regulated.SplitSale> SplitSales => Set<Domain.Regulated.SplitSale>();

    /// <summary>
    /// Every state change an order or refund made since it was loaded goes into the journal in
    /// the same transaction as the change itself, and so do the stock movements a paid or refunded
    /// order makes: all are on disk, or none.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // The audit trail and the journal read the tracker five times: find the changes once for all of them
        // (a catalogue import tracks every drug), then let the save find the rows they added.
        ChangeTracker.DetectChanges();
        ChangeTracker.AutoDetectChangesEnabled = false;
        List<AuditEntry> audit;
        List<IJournaled> sources;
        List<JournalEntry> entries;
        List<Domain.Stock.StockMovement> movements;
        List<AuditEntry> audited;
        try
        {
            await StampShiftAsync(cancellationToken);
            AuditTrail.RefuseRewrites(ChangeTracker);
            // An order carries its cashier (sales by cashier, and the shift later): the one signed in at the till that wrote it.
            if (staff?.Current is { IsStaff: true } cashier)
                foreach (var added in ChangeTracker.Entries<Order>().Where(e => e.State == EntityState.Added))
                    added.Entity.WrittenBy(cashier.UserName, cashier.DisplayName);
            audit = AuditTrail.Collect(ChangeTracker, staff, Now);
            Audit.AddRange(audit);
            (sources, entries) = CollectJournal();
            movements = Stock.StockLedger.Collect(sources, Actor.UserName);
            StockMovements.AddRange(movements);
            audited = PosMetrics.Enabled ? [.. ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity)] : [];
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = true;
        }
        try
        {
            int saved;
            // The shift was stamped above (it may write through a context of its own): only the save itself waits in the queue.
            var queue = await EnterWriterQueueAsync(cancellationToken);
            try
            {
                saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            }
            finally
            {
                queue?.Leave();
            }
            if (PosMetrics.Enabled) PosMetrics.Saved(sources.SelectMany(s => s.UnsavedJournal.Select(e => (s, e))), audited);
            foreach (var source in sources) source.JournalSaved();
            return saved;
        }
        catch
        {
            // Nothing was committed; the events stay with their entity for the next attempt.
            foreach (var entry in entries) Entry(entry).State = EntityState.Detached;
            foreach (var entry in audit) Entry(entry).State = EntityState.Detached;
            foreach (var movement in movements) Entry(movement).State = EntityState.Detached;
            throw;
        }
    }

    /// <summary>
    /// One writer at a time per SQLite file in this process (<see cref="SqliteWriter"/>); not for
    /// PostgreSQL, and not inside an explicit transaction (it already holds SQLite's write lock).
    /// Behind a writer that holds its turn for a whole busy timeout, the save goes ahead and SQLite's own wait decides.
    /// </summary>
    private async Task<SqliteWriter?> EnterWriterQueueAsync(CancellationToken ct)
    {
        if (!Database.IsSqlite() || Database.CurrentTransaction is not null) return null;
        var connection = Database.GetDbConnection();
        var queue = SqliteWriter.For(connection.DataSource);
        var stuckAfter = TimeSpan.FromSeconds(connection is Microsoft.Data.Sqlite.SqliteConnection { DefaultTimeout: > 0 } sqlite ? sqlite.DefaultTimeout : 30);
        return await queue.EnterAsync(stuckAfter, ct) ? queue : null;
    }

    /// <summary>New orders and refunds belong to the shift of the staff member writing them (opened now if they have none).</summary>
    private async Task StampShiftAsync(CancellationToken ct)
    {
        if (shifts is null || staff?.Current is not { IsStaff: true } actor) return;
        var orders = ChangeTracker.Entries<Order>().Where(e => e.State == EntityState.Added && e.Entity.ShiftId is null).ToList();
        var refunds = ChangeTracker.Entries<Refund>().Where(e => e.State == EntityState.Added && e.Entity.ShiftId is null).ToList();
        if (orders.Count == 0 && refunds.Count == 0) return;
        var shiftId = await shifts.IdForAsync(staff.StoreId, staff.Terminal, actor, ct);
        foreach (var o in orders) o.Entity.InShift(shiftId);
        foreach (var r in refunds) r.Entity.InShift(shiftId);
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
        var protector = Protector;
        modelBuilder.ApplyConfiguration(new Configuration.DrugConfiguration());
        modelBuilder.ApplyConfiguration(new Configuration.StoreConfiguration());
        modelBuilder.ApplyConfiguration(new Configuration.TerminalConfiguration(distributed));
        modelBuilder.ApplyConfiguration(new Configuration.OrderConfiguration(distributed, protector));
        modelBuilder.ApplyConfiguration(new Configuration.OrderLineConfiguration(distributed));
        modelBuilder.ApplyConfiguration(new Configuration.RefundConfiguration(distributed));
        modelBuilder.ApplyConfiguration(new Configuration.RegistrationConfiguration(distributed, protector));
        modelBuilder.ApplyConfiguration(new Configuration.JournalConfiguration(distributed));
        modelBuilder.ApplyConfiguration(new Configuration.ReconciliationConfiguration(distributed));
        modelBuilder.ApplyConfiguration(new Configuration.StaffAccountConfiguration());
        modelBuilder.ApplyConfiguration(new Configuration.StaffSessionConfiguration());
        modelBuilder.ApplyConfiguration(new Configuration.AuditConfiguration(distributed));
        modelBuilder.ApplyConfiguration(new Configuration.StoreSettingsConfiguration());
        modelBuilder.ApplyConfiguration(new Configuration.StockBatchConfiguration(distributed));
        modelBuilder.ApplyConfiguration(new Configuration.StockMovementConfiguration(distributed));
        modelBuilder.ApplyConfiguration(new Configuration.ParkedSaleConfiguration(distributed));
        modelBuilder.ApplyConfiguration(new Configuration.ShiftConfiguration(distributed));
        modelBuilder.ApplyConfiguration(new Configuration.CashMovementConfiguration(distributed));
        modelBuilder.ApplyConfiguration(new Configuration.DayCloseConfiguration(distributed));
        modelBuilder.ApplyConfiguration(new Configuration.PrescriptionConfiguration(distributed));
        modelBuilder.ApplyConfiguration(new Configuration.EphedrineSaleConfiguration(distributed, protector));
        modelBuilder.ApplyConfiguration(new Configuration.SplitSaleConfiguration(distributed));

        modelBuilder.Entity<Order>().HasQueryFilter(o => StoreScope == null || o.StoreId == StoreScope);
        modelBuilder.Entity<OrderLine>().HasQueryFilter(l => StoreScope == null || l.StoreId == StoreScope);
        modelBuilder.Entity<Refund>().HasQueryFilter(r => StoreScope == null || r.StoreId == StoreScope);
        modelBuilder.Entity<JournalEntry>().HasQueryFilter(e => StoreScope == null || e.StoreId == StoreScope);
        modelBuilder.Entity<PurchaseRegistration>().HasQueryFilter(r => StoreScope == null || r.StoreId == StoreScope);
        modelBuilder.Entity<Reconciliation.ReconciliationRun>().HasQueryFilter(r => StoreScope == null || r.StoreId == StoreScope);
        modelBuilder.Entity<Domain.Stock.StockBatch>().HasQueryFilter(b => StoreScope == null || b.StoreId == StoreScope);
        modelBuilder.Entity<Domain.Stock.StockMovement>().HasQueryFilter(m => StoreScope == null || m.StoreId == StoreScope);
        modelBuilder.Entity<Domain.Sales.ParkedSale>().HasQueryFilter(p => StoreScope == null || p.StoreId == StoreScope);
        modelBuilder.Entity<Domain.Shifts.Shift>().HasQueryFilter(x => StoreScope == null || x.StoreId == StoreScope);
        modelBuilder.Entity<Domain.Shifts.CashMovement>().HasQueryFilter(x => StoreScope == null || x.StoreId == StoreScope);
        modelBuilder.Entity<Domain.Shifts.DayClose>().HasQueryFilter(x => StoreScope == null || x.StoreId == StoreScope);
        // Store 0: what happened before any till signed in (first start), the chain's as a whole.
        modelBuilder.Entity<AuditEntry>().HasQueryFilter(e => StoreScope == null || e.StoreId == StoreScope || e.StoreId == 0);
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
