using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PharmacyPos.Data.Backup;
using PharmacyPos.Data.Catalogue;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Sales;
using PharmacyPos.TestSupport;

namespace PharmacyPos.Data.Tests;

/// <summary>The till's backups: consistent while it writes, checked before they are trusted, pruned by day and week, and never a reason to stop selling.</summary>
public sealed class BackupTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pharmacypos-backup-tests", Guid.NewGuid().ToString("N"));
    private DatabaseOptions _database = default!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _database = new DatabaseOptions { Path = Path.Combine(_folder, "pos.db") };
        await using var db = Context();
        await DatabaseSetup.MigrateAsync(db);
        await new CatalogueImport(db).ImportAsync(CatalogueFile.Read(DemoCatalogue.Open(), "demo.csv"));
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    private PosDbContext Context(DatabaseOptions? database = null) => DatabaseSetup.OpenContext(database ?? _database);

    private async Task WriteOrderAsync(int n)
    {
        await using var db = Context();
        var sale = new Sale();
        sale.Add(await db.Drugs.SingleAsync(d => d.Code == "YP00001"));
        db.Orders.Add(Order.PaidInCash(TradeNo.Parse($"20261130090000010100{n:D4}"), 1, "T0001-01", DateTimeOffset.UtcNow, sale,
            CashTender.From(sale.Total, "100").Value));
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task A_backup_taken_while_orders_are_written_is_one_consistent_snapshot_and_restores()
    {
        await WriteOrderAsync(1);
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            for (var n = 2; !stop.IsCancellationRequested && n < 9000; n++) await WriteOrderAsync(n);
        });
        var copy = Path.Combine(_folder, "copy.db");
        await SqliteBackup.BackupAsync(_database, copy);
        await stop.CancelAsync();
        await writer;

        Assert.Null(SqliteBackup.Problem(copy));
        var restored = new DatabaseOptions { Path = Path.Combine(_folder, "restored.db"), PersonalDataKey = PersonalDataKeyOf(_database) };
        SqliteBackup.Restore(copy, restored);
        await using var db = Context(restored);
        // Every order in the copy is whole: its lines and its journal came with it, or the order did not.
        var orders = await db.Orders.ToListAsync();
        Assert.NotEmpty(orders);
        Assert.All(orders, o => Assert.Single(o.Lines));
        Assert.Equal(orders.Count, await db.Journal.CountAsync(e => e.Event == "order.paid-in-cash"));
    }

    private static string PersonalDataKeyOf(DatabaseOptions database) => File.ReadAllText(Path.GetFullPath(database.Path) + ".key");

    [Fact]
    public async Task A_file_that_is_not_sqlite_is_damaged_or_is_not_a_pos_database_is_refused_with_the_reason()
    {
        var text = Path.Combine(_folder, "text.db");
        await File.WriteAllTextAsync(text, "not a database");
        Assert.Contains("文件头不符", SqliteBackup.Problem(text));

        var other = Path.Combine(_folder, "other.db");
        await using (var connection = new SqliteConnection($"Data Source={other};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT);";
            await create.ExecuteNonQueryAsync();
        }
        Assert.Contains("不是收银系统的数据库", SqliteBackup.Problem(other));

        var copy = Path.Combine(_folder, "good.db");
        await SqliteBackup.BackupAsync(_database, copy);
        var bytes = await File.ReadAllBytesAsync(copy);
        Array.Resize(ref bytes, bytes.Length / 2);
        var cut = Path.Combine(_folder, "cut.db");
        await File.WriteAllBytesAsync(cut, bytes);
        Assert.NotNull(SqliteBackup.Problem(cut));
        Assert.Contains("文件不存在", SqliteBackup.Problem(Path.Combine(_folder, "missing.db")));
    }

    [Fact]
    public void A_running_pos_holds_the_lock_that_a_restore_needs()
    {
        using (var running = RunningLock.TryTake(_database))
        {
            Assert.NotNull(running);
            Assert.Null(RunningLock.TryTake(_database));
        }
        using var after = RunningLock.TryTake(_database);
        Assert.NotNull(after);
    }

    [Fact]
    public async Task A_backup_folder_that_cannot_be_written_fails_the_backup_not_the_till_and_says_why()
    {
        var blocked = Path.Combine(_folder, "blocked");
        await File.WriteAllTextAsync(blocked, "a file where the folder should be");
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var backups = new Backups(Microsoft.Extensions.Options.Options.Create(_database),
            Microsoft.Extensions.Options.Options.Create(new BackupOptions { Folder = Path.Combine(blocked, "backups") }), clock, NullLogger<Backups>.Instance);

        Assert.Null(await backups.RunAsync());
        Assert.Equal(1, backups.Status.Failures);
        Assert.NotNull(backups.Status.Failure);
        await WriteOrderAsync(1); // the till writes on

        File.Delete(blocked);
        Assert.NotNull(await backups.RunAsync());
        Assert.Null(backups.Status.Failure);
        Assert.Single(backups.List());
        // One self-contained file: no -wal, -shm or .partial left beside it.
        Assert.Equal([backups.List()[0].File], Directory.GetFiles(backups.Folder));
    }

    [Fact]
    public void Retention_keeps_the_newest_of_each_recent_day_and_week_and_always_the_newest()
    {
        var now = new DateTimeOffset(2026, 11, 30, 2, 0, 0, BeijingTime.Offset); // a Monday
        // Two a day for 40 days.
        var backups = Enumerable.Range(0, 80).Select(i => (Item: i, At: now.AddHours(-12 * i))).ToList();
        var expired = BackupRetention.Expired(backups, keepDaily: 7, keepWeekly: 4).ToHashSet();
        var kept = backups.Where(b => !expired.Contains(b.Item)).Select(b => b.At).ToList();

        Assert.Contains(now, kept);
        var days = kept.Select(BeijingTime.DayOf).ToList();
        Assert.Equal(days.Count, days.Distinct().Count()); // one per day at most
        Assert.Equal(Enumerable.Range(0, 7).Select(d => BeijingTime.DayOf(now).AddDays(-d)), days.Take(7));
        // Beyond the 7 days, one per week for the last 4 weeks: the oldest kept is within 4 ISO weeks.
        Assert.True(kept.Min() >= now.AddDays(-28), $"oldest kept {kept.Min()}");
        Assert.InRange(kept.Count, 7, 11);
        Assert.Empty(BackupRetention.Expired(new[] { (Item: 1, At: now) }, 1, 0));
    }

    [Fact]
    public void Backup_names_sort_by_age_and_read_back_as_beijing_times()
    {
        var at = new DateTimeOffset(2026, 11, 29, 18, 30, 5, TimeSpan.Zero);
        var name = SqliteBackup.NameAt(at);
        Assert.Equal("pharmacypos-20261130-023005.db", name);
        Assert.True(SqliteBackup.TryTimeOf("/x/" + name, out var back));
        Assert.Equal(at, back);
        Assert.False(SqliteBackup.TryTimeOf("pharmacypos-latest.db", out _));
    }
}
