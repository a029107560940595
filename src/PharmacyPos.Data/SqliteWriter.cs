using System.Collections.Concurrent;

namespace PharmacyPos.Data;

/// <summary>
/// SQLite takes one writer at a time. Left to itself, a second writer in the same process gets
/// SQLITE_BUSY and Microsoft.Data.Sqlite sleeps and retries until the busy timeout: with several
/// tills, commits came out of order and in bursts, and p99 was the sleeps (bench §1: 0.3–0.8 s).
/// So the process queues its own writers, one per database file, in arrival order; each save
/// then finds the file free and commits at once. Durability is SQLite's, unchanged: the same
/// transactions, the same WAL and fsync. Another process on the same file still meets SQLite's
/// busy timeout.
/// </summary>
/// <remarks>
/// A writer waits as long as the queue moves: a long queue on a busy machine is not a failure
/// (forty tills' saves may take longer than the busy timeout together). Only a turn held for a
/// whole busy timeout with nobody moving means the writer ahead is stuck; then the save goes
/// ahead and SQLite's own wait decides, rather than wait forever behind it.
/// </remarks>
internal sealed class SqliteWriter
{
    private static readonly ConcurrentDictionary<string, SqliteWriter> Queues = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim _turn = new(1, 1);
    private long _turnsGiven;

    /// <summary>The queue of one database file, by its path as the connection names it.</summary>
    public static SqliteWriter For(string dataSource) => Queues.GetOrAdd(dataSource, _ => new SqliteWriter());

    /// <summary>Whether nobody holds the turn (tests: every save gave it back).</summary>
    public bool IsFree => _turn.CurrentCount == 1;

    /// <summary>Waits for the turn; false when the writer ahead held it for <paramref name="stuckAfter"/> without giving it back.</summary>
    public async Task<bool> EnterAsync(TimeSpan stuckAfter, CancellationToken ct)
    {
        while (true)
        {
            var seen = Interlocked.Read(ref _turnsGiven);
            if (await _turn.WaitAsync(stuckAfter, ct)) return true;
            if (Interlocked.Read(ref _turnsGiven) == seen) return false;
        }
    }

    public void Leave()
    {
        Interlocked.Increment(ref _turnsGiven);
        _turn.Release();
    }
}
