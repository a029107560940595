using PharmacyPos.Checkout;
using PharmacyPos.Checkout.Reconciliation;
using PharmacyPos.Domain;

namespace PharmacyPos.Web;

/// <summary>The daily job: once the channels' bills for yesterday exist, reconcile it — once, and again after a failed try.</summary>
/// <remarks>Several instances of one store's POS may run it: the day is claimed first, and re-read, so it is reconciled once.</remarks>
public sealed class ReconciliationService(IServiceScopeFactory scopes, PharmacyPos.Data.Claims.IWorkClaims claims,
    Microsoft.Extensions.Options.IOptions<TerminalOptions> terminal, TimeProvider clock, ILogger<ReconciliationService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            var now = BeijingTime.Now(clock);
            // Alipay and WeChat publish the day's bill by about 09:00 the next day.
            if (now.Hour < 10) continue;
            var yesterday = DateOnly.FromDateTime(now.DateTime).AddDays(-1);
            try
            {
                await using var claim = await claims.TryClaimAsync(PharmacyPos.Data.Claims.WorkKind.DailyReconciliation,
                    ((long)terminal.Value.StoreId << 20) | (uint)yesterday.DayNumber, stoppingToken);
                if (claim is null) continue;
                var done = await scopes.InScopeAsync<DailyReconciliation, ReconciliationReport?>(r => r.LatestAsync(yesterday, stoppingToken));
                if (done is null || done.NotReconciled.Count > 0)
                    await scopes.InScopeAsync<DailyReconciliation, ReconciliationReport>(r => r.RunAsync(yesterday, stoppingToken));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Daily reconciliation of {Day} failed; it is tried again within the hour", yesterday);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
