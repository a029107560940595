using Microsoft.Extensions.Options;
using PharmacyPos.Data.Backup;

namespace PharmacyPos.Web;

/// <summary>
/// The scheduled backup: shortly after start when the newest backup is older than the interval,
/// then whenever it is again. Checked every few minutes rather than slept through, so a till that
/// was off overnight backs up soon after it is switched on.
/// </summary>
public sealed class BackupService(Backups backups, IOptions<BackupOptions> options, TimeProvider clock) : BackgroundService
{
    private static readonly TimeSpan Check = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!backups.IsAvailable || !options.Value.Enabled) return;
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(options.Value.FirstAfterSeconds), clock, stoppingToken);
            var interval = TimeSpan.FromHours(options.Value.IntervalHours);
            while (!stoppingToken.IsCancellationRequested)
            {
                var newest = backups.List().FirstOrDefault();
                var lastTry = backups.Status.FailedAt;
                var due = newest.File is null || clock.GetUtcNow() - newest.At >= interval;
                // After a failure, the next try waits a check, not a whole interval: a full disk may be emptied soon.
                if (due && (lastTry is null || clock.GetUtcNow() - lastTry >= Check)) await backups.RunAsync(stoppingToken);
                await Task.Delay(interval < Check ? interval : Check, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
