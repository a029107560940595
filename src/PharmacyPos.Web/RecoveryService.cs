using PharmacyPos.Checkout.Recovery;

namespace PharmacyPos.Web;

/// <summary>Runs payment recovery at start-up and then every Recovery:IntervalSeconds.</summary>
public sealed class RecoveryService(PaymentRecovery recovery, Microsoft.Extensions.Options.IOptions<RecoveryOptions> options, TimeProvider clock, ILogger<RecoveryService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(Math.Max(200, options.Value.IntervalSeconds * 1000));
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                var report = await recovery.RunOnceAsync(stoppingToken);
                if (report.OrdersChecked + report.RefundsChecked > 0) log.LogInformation("Recovery pass: {Report}", report);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One bad pass must not stop the next: the items are still there to be retried.
                log.LogError(e, "Recovery pass failed");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
