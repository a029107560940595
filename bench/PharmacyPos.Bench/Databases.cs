using Microsoft.EntityFrameworkCore;
using PharmacyPos.TestSupport;

namespace PharmacyPos.Bench;

public static class BenchDatabase
{
    /// <summary>
    /// The durable-commit limit: single-row INSERTs, each its own committed transaction, on the
    /// same settings the POS uses (SQLite WAL + synchronous FULL; PostgreSQL synchronous_commit
    /// on), from <paramref name="writers"/> connections at once, for <paramref name="duration"/>.
    /// </summary>
    public static async Task<double> CommitsPerSecondAsync(this TestDatabase database, int writers, TimeSpan duration)
    {
        await using (var db = database.NewContext())
        {
            await db.Database.ExecuteSqlRawAsync("CREATE TABLE IF NOT EXISTS bench_commits (id BIGINT, payload VARCHAR(64))");
        }
        var count = 0L;
        using var stop = new CancellationTokenSource(duration);
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            await using var db = database.NewContext();
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO bench_commits (id, payload) VALUES (1, 'order 202611290000000001010001 written')";
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await insert.ExecuteNonQueryAsync();
                    Interlocked.Increment(ref count);
                }
                catch (Microsoft.Data.Sqlite.SqliteException e) when (e.SqliteErrorCode == 5) { /* busy: another writer has the file */ }
            }
        })));
        return count / duration.TotalSeconds;
    }
}
