using System.Collections.Concurrent;

namespace PharmacyPos.Data;

/// <summary>
/// SQLite takes one writer at a time. Left to itself, a second writer in the same process gets
/// SQLITE_BUSY and Microsoft.Data.Sqlite sleeps and retries until the busy timeout: with several
/// tills, commits came out of order and in bursts, and p99 was the sleeps (bench §1: 0.3–0.8 s).
/// So the process queues its own writers, one per database file, in arrival order; each save
/// then finds the file free and commits at once. Durability is SQLite's, unchanged: the same
/// transactions, the same WAL and fsync. Another process on the same file still meets SQLite's
/// busy timeout, and so does a writer that waited longer than it here (the queue gives way rather
/// than wait forever behind a stuck save).
/// </summary>
internal static class SqliteWriter
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Queues = new(StringComparer.Ordinal);

    /// <summary>The queue of one database file, by its path as the connection names it.</summary>
    public static SemaphoreSlim For(string dataSource) => Queues.GetOrAdd(dataSource, _ => new SemaphoreSlim(1, 1));
}
