using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PharmacyPos.Data.Backup;

/// <summary>The last backup as the manager sees it on 设置: when, where, and the last failure, if the last try failed.</summary>
public sealed record BackupStatus(DateTimeOffset? LastAt, string? LastFile, DateTimeOffset? FailedAt, string? Failure, int Failures);

/// <summary>
/// Takes the till's backups (scheduled, 立即备份, the console's <c>backup</c>) and prunes old ones.
/// A backup that fails — a full or read-only disk, a missing folder — never stops a sale: it is
/// logged, counted, and shown to the manager until one succeeds.
/// </summary>
public sealed class Backups(IOptions<DatabaseOptions> database, IOptions<BackupOptions> options, TimeProvider clock, ILogger<Backups> log)
{
    private readonly SemaphoreSlim _one = new(1, 1);
    private BackupStatus _status = new(null, null, null, null, 0);

    public BackupStatus Status => _status;

    /// <summary>The status changed (a backup succeeded or failed): the manager's banner redraws.</summary>
    public event Action? Changed;

    public bool IsAvailable => !database.Value.IsPostgreSql;

    public string Folder => options.Value.FolderFor(database.Value);

    /// <summary>The backups in the folder, newest first.</summary>
    public IReadOnlyList<(string File, DateTimeOffset At)> List()
    {
        if (!Directory.Exists(Folder)) return [];
        return [.. Directory.EnumerateFiles(Folder, SqliteBackup.Prefix + "*" + SqliteBackup.Extension)
            .Select(f => (File: f, Ok: SqliteBackup.TryTimeOf(f, out var at), At: at)).Where(f => f.Ok)
            .Select(f => (f.File, f.At)).OrderByDescending(f => f.At)];
    }

    /// <summary>One backup now, then the retention rule; the file, or null when it failed (the status says why).</summary>
    public async Task<string?> RunAsync(CancellationToken ct = default)
    {
        if (!IsAvailable) return null;
        await _one.WaitAsync(ct);
        try
        {
            var target = Path.Combine(Folder, SqliteBackup.NameAt(clock.GetUtcNow()));
            var started = clock.GetTimestamp();
            await SqliteBackup.BackupAsync(database.Value, target, ct);
            var size = new FileInfo(target).Length;
            log.LogInformation("Backup written: {File}, {Bytes} bytes in {Ms} ms", target, size, clock.GetElapsedTime(started).TotalMilliseconds);
            _status = _status with { LastAt = clock.GetUtcNow(), LastFile = target, FailedAt = null, Failure = null };
            PosMetrics.BackedUp(true);
            Changed?.Invoke();
            Prune();
            return target;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            log.LogError(e, "Backup into {Folder} failed; the till keeps selling, the next try is at the next interval", Folder);
            _status = _status with { FailedAt = clock.GetUtcNow(), Failure = Describe(e), Failures = _status.Failures + 1 };
            PosMetrics.BackedUp(false);
            Changed?.Invoke();
            return null;
        }
        finally
        {
            _one.Release();
        }
    }

    private void Prune()
    {
        foreach (var file in BackupRetention.Expired(List(), options.Value.KeepDaily, options.Value.KeepWeekly))
        {
            try
            {
                File.Delete(file);
                log.LogInformation("Backup {File} removed by the retention rule", file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                log.LogWarning(e, "Old backup {File} could not be removed", file);
            }
        }
    }

    private static string Describe(Exception e) => e switch
    {
        UnauthorizedAccessException => "备份文件夹不可写（权限不足或只读）。",
        IOException io when io.HResult is 28 or unchecked((int)0x80070070) || io.Message.Contains("space", StringComparison.OrdinalIgnoreCase) => "备份磁盘已满。",
        Microsoft.Data.Sqlite.SqliteException s when s.SqliteErrorCode == 13 => "备份磁盘已满。",
        Microsoft.Data.Sqlite.SqliteException s when s.SqliteErrorCode is 8 or 14 => "备份文件夹不可写（权限不足或只读）。",
        _ => e.Message,
    };
}
