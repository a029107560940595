using PharmacyPos.Data.Catalogue;

namespace PharmacyPos.Web.Features.Sale;

/// <summary>
/// Once the till is listening, a scan and a 拼音码 lookup are run for nobody: EF Core compiles each
/// query the first time it meets it (tens of milliseconds, more over a chain's 300,000 drugs), and
/// that first time should not be the first customer's scan. Nothing is written; a failure is only logged.
/// </summary>
public sealed class TillWarmUp(IHostApplicationLifetime lifetime, IServiceScopeFactory scopes, ILogger<TillWarmUp> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        await using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
            await started.Task;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var search = scope.ServiceProvider.GetRequiredService<CatalogueSearch>();
            await search.FindExactAsync("0", stoppingToken);
            await search.ByPinyinAsync("A", ct: stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Till warm-up lookup failed; the first scan compiles its query instead");
        }
    }
}
