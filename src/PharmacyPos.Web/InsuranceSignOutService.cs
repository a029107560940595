using PharmacyPos.Channels.Insurance;

namespace PharmacyPos.Web;

/// <summary>
/// 9002 when the POS stops: the till's sign-in on the insurance platform ends with its day's work
/// (a new business day signs out the old sign-in by itself before it signs in again).
/// </summary>
public sealed class InsuranceSignOutService(IInsurancePlatform platform, ILogger<InsuranceSignOutService> log) : IHostedService
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(Patience);
        try
        {
            await platform.SignOutAsync(bounded.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException)
        {
            // Stopping must not wait on the platform: it ends a sign-in at its own day's end anyway.
            log.LogWarning("Insurance sign-out (9002) at stop did not finish: {Reason}", e.Message);
        }
    }
}
