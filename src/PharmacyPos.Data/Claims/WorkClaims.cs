using System.Collections.Concurrent;
using Npgsql;

namespace PharmacyPos.Data.Claims;

/// <summary>
/// "This instance works on this item now": so that when several POS instances share one
/// database, a recovery or reconciliation item is worked on by exactly one of them at a time.
/// </summary>
public interface IWorkClaims
{
    /// <summary>The claim, to be disposed when the work is done; null when another worker holds it.</summary>
    Task<IAsyncDisposable?> TryClaimAsync(WorkKind kind, long id, CancellationToken ct = default);
}

public enum WorkKind { OrderRecovery = 1, RefundRecovery = 2, DailyReconciliation = 3 }

public static class WorkClaims
{
    public static IWorkClaims For(DatabaseOptions options) =>
        options.IsPostgreSql ? new PostgreSqlAdvisoryClaims(options.PostgreSql!) : SqliteProcessClaims.For(options.Path);
}

/// <summary>
/// PostgreSQL session advisory locks, on a connection held for the claim: they never block row
/// updates (the work itself updates the row from another connection), and they vanish with
/// the session if the instance dies, so a crashed worker never leaves an item claimed.
/// </summary>
internal sealed class PostgreSqlAdvisoryClaims(string connectionString) : IWorkClaims
{
    public async Task<IAsyncDisposable?> TryClaimAsync(WorkKind kind, long id, CancellationToken ct = default)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var claim = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
        claim.Parameters.AddWithValue("key", Key(kind, id));
        if (await claim.ExecuteScalarAsync(ct) is true) return new Held(connection, Key(kind, id));
        await connection.DisposeAsync();
        return null;
    }

    /// <summary>One 64-bit lock key: the kind in the top byte, the row id below it.</summary>
    private static long Key(WorkKind kind, long id) => ((long)kind << 56) | (id & 0x00FF_FFFF_FFFF_FFFF);

    private sealed class Held(NpgsqlConnection connection, long key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                release.Parameters.AddWithValue("key", key);
                await release.ExecuteScalarAsync();
            }
            finally
            {
                await connection.DisposeAsync(); // closing the session releases the lock in any case
            }
        }
    }
}

/// <summary>
/// A SQLite file serves one POS process: claims among that process's workers are enough. They
/// are per file: row ids of two databases in one process (the test suites run several) are not
/// the same items, and one database's claim must not turn the other's work away.
/// </summary>
internal sealed class SqliteProcessClaims : IWorkClaims
{
    private static readonly ConcurrentDictionary<string, SqliteProcessClaims> PerFile = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(WorkKind, long), byte> _held = new();

    public static SqliteProcessClaims For(string path) => PerFile.GetOrAdd(System.IO.Path.GetFullPath(path), _ => new SqliteProcessClaims());

    public Task<IAsyncDisposable?> TryClaimAsync(WorkKind kind, long id, CancellationToken ct = default) =>
        Task.FromResult<IAsyncDisposable?>(_held.TryAdd((kind, id), 0) ? new Held(this, (kind, id)) : null);

    private sealed class Held(SqliteProcessClaims owner, (WorkKind, long) key) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            owner._held.TryRemove(key, out _);
            return ValueTask.CompletedTask;
        }
    }
}
