using System.Globalization;
using Microsoft.Data.Sqlite;

namespace PharmacyPos.Data.Backup;

/// <summary>
/// The till's SQLite file copied with SQLite's online backup API: consistent while payments are
/// being written (the copy is one snapshot; a write in progress is either wholly in it or not at
/// all), checked before it is given its final name, and restored the same way.
/// </summary>
public static class SqliteBackup
{
    public const string Prefix = "pharmacypos-", Extension = ".db";
    private static readonly byte[] Header = "SQLite format 3\0"u8.ToArray();

    /// <summary>pharmacypos-20261130-023000.db, Beijing time: sorts by age, readable by the owner.</summary>
    public static string NameAt(DateTimeOffset now) =>
        Prefix + Domain.BeijingTime.From(now).ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + Extension;

    public static bool TryTimeOf(string fileName, out DateTimeOffset at)
    {
        at = default;
        var name = Path.GetFileName(fileName);
        if (!name.StartsWith(Prefix, StringComparison.Ordinal) || !name.EndsWith(Extension, StringComparison.Ordinal)) return false;
        if (!DateTime.TryParseExact(name[Prefix.Length..^Extension.Length], "yyyyMMdd-HHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return false;
        at = new DateTimeOffset(local, Domain.BeijingTime.Offset);
        return true;
    }

    /// <summary>Copies the live database into <paramref name="target"/> (which must not exist yet).</summary>
    public static async Task BackupAsync(DatabaseOptions database, string target, CancellationToken ct = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
        var partial = target + ".partial";
        File.Delete(partial);
        try
        {
            // The API copies page by page on this thread; off the caller's, so a till's screen never waits on it.
            await Task.Run(() =>
            {
                using var source = Open(database.Path, SqliteOpenMode.ReadOnly, database.BusyTimeoutSeconds);
                using var copy = Open(partial, SqliteOpenMode.ReadWriteCreate, database.BusyTimeoutSeconds);
                source.BackupDatabase(copy);
                // The copy inherits the till's WAL mode; a backup is one self-contained file (no -wal/-shm beside it to lose).
                using var single = copy.CreateCommand();
                single.CommandText = "PRAGMA journal_mode=DELETE;";
                single.ExecuteNonQuery();
            }, ct);
            if (Problem(partial) is { } problem) throw new IOException($"备份文件校验失败：{problem}");
            File.Move(partial, target, overwrite: false);
        }
        finally
        {
            foreach (var leftover in new[] { partial, partial + "-wal", partial + "-shm", partial + "-journal" }) File.Delete(leftover);
        }
    }

    /// <summary>Why a file cannot be restored (not SQLite, damaged, not a POS database), or null when it can.</summary>
    public static string? Problem(string file)
    {
        if (!File.Exists(file)) return "文件不存在。";
        using (var stream = File.OpenRead(file))
        {
            var start = new byte[Header.Length];
            if (stream.Read(start) < Header.Length || !start.AsSpan().SequenceEqual(Header)) return "不是 SQLite 数据库文件（文件头不符）。";
        }
        try
        {
            using var connection = Open(file, SqliteOpenMode.ReadOnly, 5);
            using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check;";
            var integrity = check.ExecuteScalar() as string;
            if (integrity != "ok") return $"数据库已损坏（integrity_check：{integrity}）。";
            check.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('__EFMigrationsHistory', 'orders', 'payment_journal');";
            if (Convert.ToInt32(check.ExecuteScalar(), CultureInfo.InvariantCulture) != 3) return "不是收银系统的数据库（缺少订单或日志表）。";
            return null;
        }
        catch (SqliteException e)
        {
            return $"无法读取：{e.Message}";
        }
    }

    /// <summary>
    /// Writes the backup over the database file (the caller made sure no POS runs on it). The
    /// backup API writes through SQLite, so the file's WAL is dealt with as SQLite does it.
    /// </summary>
    public static void Restore(string backup, DatabaseOptions database)
    {
        using var source = Open(backup, SqliteOpenMode.ReadOnly, database.BusyTimeoutSeconds);
        using var target = Open(database.Path, SqliteOpenMode.ReadWriteCreate, database.BusyTimeoutSeconds);
        source.BackupDatabase(target);
    }

    /// <summary>Unpooled: these connections are the backup's alone, and closing one closes the file (the live POS's pool is never touched).</summary>
    private static SqliteConnection Open(string path, SqliteOpenMode mode, int timeoutSeconds)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(path), Mode = mode, Pooling = false, DefaultTimeout = timeoutSeconds,
        }.ToString());
        connection.Open();
        return connection;
    }
}
