using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PharmacyPos.Checkout.Mobile;
using PharmacyPos.Checkout.Refunds;
using PharmacyPos.Data;
using PharmacyPos.Data.Claims;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Refunds;

namespace PharmacyPos.Checkout.Recovery;

/// <param name="Worked">The orders and refunds (by order id) this pass itself worked on: claimed, and still open when claimed.</param>
public sealed record RecoveryReport(int OrdersChecked, int OrdersFinished, int RefundsChecked, int RefundsFinished, IReadOnlyList<long> Worked);

/// <summary>
/// Drives every payment and refund that nobody is watching any more to a final state by asking
/// its channel: a till closed mid-wait, a crash, a lost answer. Orders are left to the till
/// until a grace period after their 60 s deadline, so the two do not race over a live payment.
/// </summary>
public sealed class RecoveryOptions
{
    public const string Section = "Recovery";

    public bool Enabled { get; set; } = true;
    public double IntervalSeconds { get; set; } = 15;
    /// <summary>How long past its deadline a payment is left to the till that started it.</summary>
    public double GraceSeconds { get; set; } = 10;
}

/// <remarks>Several POS instances may share one PostgreSQL: each item is claimed first (<see cref="IWorkClaims"/>), so one instance works on it.</remarks>
public sealed class PaymentRecovery(IServiceScopeFactory scopes, IWorkClaims claims, IOptions<RecoveryOptions> options, TimeProvider clock,
    ILogger<PaymentRecovery> log)
{
    private static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(5);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(WorkKind, long), (int Misses, DateTimeOffset Next)> _backOff = new();

    private TimeSpan Grace => TimeSpan.FromSeconds(options.Value.GraceSeconds);

    /// <summary>A channel that keeps not knowing is asked less and less often: every pass, then 2, 4, 8 … passes apart, at most 5 minutes.</summary>
    private bool Resting(WorkKind kind, long id, DateTimeOffset now) => _backOff.TryGetValue((kind, id), out var b) && b.Next > now;

    private void Outcome(WorkKind kind, long id, bool settled, DateTimeOffset now)
    {
        if (settled)
        {
            _backOff.TryRemove((kind, id), out _);
            return;
        }
        var misses = _backOff.TryGetValue((kind, id), out var b) ? b.Misses + 1 : 1;
        var wait = TimeSpan.FromSeconds(Math.Min(LongestWait.TotalSeconds, options.Value.IntervalSeconds * Math.Pow(2, misses - 1)));
        _backOff[(kind, id)] = (misses, now + wait - TimeSpan.FromSeconds(options.Value.IntervalSeconds));
    }

    public async Task<RecoveryReport> RunOnceAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        List<long> orders, refunds;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PosDbContext>();
            var due = now - Grace;
            orders = await db.Orders.Where(o => o.Status == OrderStatus.Pending && (o.CancelRequested || o.ConfirmDeadline <= due))
                .OrderBy(o => o.Id).Select(o => o.Id).Take(500).ToListAsync(ct);
            refunds = await db.Refunds.Where(r => r.Status == RefundStatus.Requested && r.RequestedAt <= due)
                .OrderBy(r => r.Id).Select(r => r.OrderId).Take(500).ToListAsync(ct);
            if (CheckoutMetrics.BacklogWatched)
            {
                // Two more queries every pass: only when metrics are on (an idle till runs this pass every 15 s).
                var pending = await db.Orders.Where(o => o.Status == OrderStatus.Pending).CountAsync(ct)
                              + await db.Refunds.Where(r => r.Status == RefundStatus.Requested).CountAsync(ct);
                var oldest = await db.Orders.Where(o => o.Status == OrderStatus.Pending).OrderBy(o => o.CreatedAt).Select(o => (DateTimeOffset?)o.CreatedAt).FirstOrDefaultAsync(ct);
                CheckoutMetrics.Backlog(pending, oldest is { } at ? now - at : TimeSpan.Zero);
            }
        }

        var worked = new List<long>();
        var ordersFinished = 0;
        foreach (var id in orders.Where(id => !Resting(WorkKind.OrderRecovery, id, now)))
        {
            await using var claim = await claims.TryClaimAsync(WorkKind.OrderRecovery, id, ct);
            if (claim is null || !await StillOpenAsync(db => db.Orders.AnyAsync(o => o.Id == id && o.Status == OrderStatus.Pending, ct))) continue;
            worked.Add(id);
            var view = await scopes.InScopeAsync<MobileCheckout, AttemptView>(c => c.PollAsync(id, ct, unattended: true));
            if (view.Status != OrderStatus.Pending) ordersFinished++;
            Outcome(WorkKind.OrderRecovery, id, view.Status != OrderStatus.Pending, now);
            log.LogInformation("Recovery: order {TradeNo} is {Status}", view.TradeNo, view.Status);
        }
        var refundsFinished = 0;
        foreach (var orderId in refunds.Where(id => !Resting(WorkKind.RefundRecovery, id, now)))
        {
            await using var claim = await claims.TryClaimAsync(WorkKind.RefundRecovery, orderId, ct);
            if (claim is null || !await StillOpenAsync(db => db.Refunds.AnyAsync(r => r.OrderId == orderId && r.Status == RefundStatus.Requested, ct))) continue;
            worked.Add(orderId);
            var result = await scopes.InScopeAsync<RefundCheckout, Domain.Errors.Result<RefundView>>(r => r.ResolveAsync(orderId, ct));
            var refundSettled = result.IsSuccess && result.Value.Status != RefundStatus.Requested;
            if (refundSettled) refundsFinished++;
            Outcome(WorkKind.RefundRecovery, orderId, refundSettled, now);
            log.LogInformation("Recovery: refund of order {OrderId}: {Outcome}", orderId, result.IsSuccess ? result.Value.Message : result.Error.Code);
        }
        return new RecoveryReport(orders.Count, ordersFinished, refunds.Count, refundsFinished, worked);
    }

    /// <summary>Read after the claim: another instance may have finished the item just before releasing it.</summary>
    private async Task<bool> StillOpenAsync(Func<PosDbContext, Task<bool>> query)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<PosDbContext>());
    }
}
