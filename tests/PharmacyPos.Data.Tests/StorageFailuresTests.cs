using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PharmacyPos.Domain.Staff;
using PharmacyPos.TestSupport;

namespace PharmacyPos.Data.Tests;

/// <summary>Each class of storage failure, raised by the real provider of this run (SQLite, or PostgreSQL in its second run).</summary>
public class StorageFailuresTests
{
    private static StaffAccount Account(string userName) =>
        StaffAccount.Create(1, userName, "测试", StaffRole.Cashier, "hash", mustChangePassword: false, DateTimeOffset.UtcNow).Value;

    [Fact]
    public async Task A_second_row_with_the_same_unique_key_is_a_unique_violation()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.NewContext())
        {
            db.StaffAccounts.Add(Account("same-name"));
            await db.SaveChangesAsync();
        }
        await using var again = database.NewContext();
        again.StaffAccounts.Add(Account("same-name"));

        var e = await Assert.ThrowsAsync<DbUpdateException>(() => again.SaveChangesAsync());
        Assert.Equal(StorageFailure.UniqueViolation, StorageFailures.Classify(e));
        Assert.Equal("STORAGE_CONFLICT", StorageFailures.ErrorFor(StorageFailure.UniqueViolation).Code);
    }

    [Fact]
    public async Task A_write_that_waits_past_its_limit_for_another_programs_lock_is_busy()
    {
        await using var database = await TestDatabase.CreateAsync();
        var watch = new StorageWatch(TimeProvider.System);
        if (database.IsPostgreSql)
        {
            await using var holder = new NpgsqlConnection(database.Options.PostgreSql);
            await holder.OpenAsync();
            await using var tx = await holder.BeginTransactionAsync();
            await using (var lockTable = new NpgsqlCommand("LOCK TABLE staff_accounts IN ACCESS EXCLUSIVE MODE", holder, tx))
                await lockTable.ExecuteNonQueryAsync();
            var options = new DatabaseOptions { PostgreSql = new NpgsqlConnectionStringBuilder(database.Options.PostgreSql) { Options = "-c lock_timeout=500" }.ToString(),
                PersonalDataKey = TestDatabase.PersonalDataKey };
            await AssertBusyAsync(options, watch);
        }
        else
        {
            await using var holder = new SqliteConnection($"Data Source={database.Options.Path};Pooling=False");
            await holder.OpenAsync();
            await using (var begin = holder.CreateCommand())
            {
                begin.CommandText = "BEGIN EXCLUSIVE;";
                await begin.ExecuteNonQueryAsync();
            }
            await AssertBusyAsync(new DatabaseOptions { Path = database.Options.Path, BusyTimeoutSeconds = 1, PersonalDataKey = TestDatabase.PersonalDataKey }, watch);
        }

        // The lock is gone: the next write succeeds and the watch says so.
        await using var after = Context(database.Options, watch);
        after.StaffAccounts.Add(Account("after-the-lock"));
        await after.SaveChangesAsync();
        Assert.Null(watch.Failing);
    }

    private static async Task AssertBusyAsync(DatabaseOptions options, StorageWatch watch)
    {
        await using var db = Context(options, watch);
        db.StaffAccounts.Add(Account("waits"));
        var e = await Assert.ThrowsAnyAsync<Exception>(() => db.SaveChangesAsync());
        Assert.Equal(StorageFailure.Busy, StorageFailures.Classify(e));
        Assert.Equal(StorageFailure.Busy, watch.Failing?.Failure);
    }

    [Fact]
    public async Task A_database_that_cannot_be_reached_or_opened_is_unavailable()
    {
        await using var database = await TestDatabase.CreateAsync();
        var watch = new StorageWatch(TimeProvider.System);
        if (database.IsPostgreSql)
        {
            // Nothing listens there: the connection is refused, as when the server is down.
            var down = new DatabaseOptions { PostgreSql = "Host=127.0.0.1;Port=1;Username=nobody;Timeout=3", PersonalDataKey = TestDatabase.PersonalDataKey };
            await using (var db = Context(down, watch))
            {
                var e = await Assert.ThrowsAnyAsync<Exception>(() => db.StaffAccounts.CountAsync());
                Assert.Equal(StorageFailure.Unavailable, StorageFailures.Classify(e));
                Assert.Equal(StorageFailure.Unavailable, watch.Failing?.Failure);
            }
            // A connection that opens again ends the outage.
            await using var back = Context(database.Options, watch);
            await back.StaffAccounts.CountAsync();
            Assert.Null(watch.Failing);
        }
        else
        {
            // A file that is not a database (overwritten, or the wrong file configured).
            var notADatabase = Path.Combine(database.Folder, "not-a-database.db");
            await File.WriteAllTextAsync(notADatabase, new string('x', 4096));
            await using var db = Context(new DatabaseOptions { Path = notADatabase, PersonalDataKey = TestDatabase.PersonalDataKey }, watch);
            var e = await Assert.ThrowsAnyAsync<Exception>(() => db.StaffAccounts.CountAsync());
            Assert.Equal(StorageFailure.Unavailable, StorageFailures.Classify(e));
        }
    }

    [Fact]
    public void What_is_not_the_database_is_not_a_storage_failure()
    {
        Assert.Null(StorageFailures.Classify(new InvalidOperationException("a bug")));
        Assert.Null(StorageFailures.Classify(new DbUpdateConcurrencyException("moved on")));
        Assert.Null(StorageFailures.Classify(new SqliteException("CHECK constraint failed", 19, 275)));
        Assert.Equal(StorageFailure.Unwritable, StorageFailures.Classify(new DbUpdateException("x", new SqliteException("disk full", 13))));
        Assert.Equal(StorageFailure.Unwritable, StorageFailures.Classify(new PostgresException("No space left on device", "ERROR", "ERROR", "53100")));
        Assert.Equal(StorageFailure.Unavailable, StorageFailures.Classify(new PostgresException("terminating connection", "FATAL", "FATAL", "57P01")));
    }

    private static PosDbContext Context(DatabaseOptions options, StorageWatch watch) =>
        new((DbContextOptions<PosDbContext>)new DbContextOptionsBuilder<PosDbContext>().UsePosDatabase(options).AddInterceptors(watch).Options);
}
