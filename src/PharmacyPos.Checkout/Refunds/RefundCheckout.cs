using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PharmacyPos.Channels;
using PharmacyPos.Checkout.Mobile;
using PharmacyPos.Checkout.Settings;
using PharmacyPos.Checkout.Staff;
using PharmacyPos.Domain;
using PharmacyPos.Data;
using PharmacyPos.Domain.Errors;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Refunds;

namespace PharmacyPos.Checkout.Refunds;

public sealed record RefundView(TradeNo TradeNo, RefundStatus Status, string Message);

/// <summary>A manager's user name and password, typed into the cashier's 回退 pop-up.</summary>
public sealed record RefundApprover(string? UserName, string? Password);

/// <summary>
/// 回退 → 是: the money goes back the way it came (2103, alipay.trade.refund, WeChat refund; cash
/// from the drawer). The order is claimed Paid → Refunding in one conditional update, so two
/// clicks or two terminals make one refund; the refund number is written before the call and
/// reused for every retry and query.
/// </summary>
public sealed class RefundCheckout(PosDbContext db, PaymentChannels channels, StoreSettingsService settings, StaffAccounts staff,
    TimeProvider clock, ILogger<RefundCheckout> log)
{
    /// <summary>Does refunding this much need a manager, for whoever is on duty? The pop-up asks before 是.</summary>
    public async Task<bool> NeedsApprovalAsync(Money amount, CancellationToken ct = default) =>
        await ApprovalThresholdAsync(amount, ct) is not null;

    /// <summary>The threshold a refund of this much crosses for whoever is on duty, or null when they need no one.</summary>
    private async Task<Money?> ApprovalThresholdAsync(Money amount, CancellationToken ct)
    {
        var threshold = (await settings.CurrentAsync(ct)).RefundApprovalThreshold;
        return RefundApproval.IsRequired(amount, db.Actor, threshold) ? threshold : null;
    }

    public async Task<Result<RefundView>> RefundAsync(long orderId, RefundApprover? approver = null, CancellationToken ct = default) =>
        await RefundAsync(await db.Orders.SingleOrDefaultAsync(o => o.Id == orderId, ct), orderId.ToString(System.Globalization.CultureInfo.InvariantCulture), approver, ct);

    /// <summary>The API's 回退: by 交易号, in this store.</summary>
    public async Task<Result<RefundView>> RefundAsync(TradeNo tradeNo, RefundApprover? approver = null, CancellationToken ct = default) =>
        await db.Orders.SingleOrDefaultAsync(o => o.TradeNo == tradeNo, ct) is { } order
            ? await RefundAsync(order, tradeNo.Value, approver, ct)
            : PosErrors.OrderNotFound(tradeNo.Value);

    private async Task<Result<RefundView>> RefundAsync(Order? order, string which, RefundApprover? approver, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (order is not { Status: OrderStatus.Paid })
        {
            log.LogWarning("Refund of order {Order} refused: it is {Status}", which, order?.Status);
            return order is null ? PosErrors.RefundNotAllowed : PosErrors.RefundNotAllowedFor(order.Status);
        }
        string? approvedBy = null;
        if (await ApprovalThresholdAsync(order.Total, ct) is { } threshold)
        {
            if (approver is null) return RefundApproval.Required(order.Total, threshold);
            var approved = await staff.VerifyApproverAsync(approver.UserName, approver.Password, order.TradeNo.Value, ct);
            if (!approved.IsSuccess) return approved.Error;
            approvedBy = approved.Value.UserName;
        }
        // Paid → Refunding under the order's version: of two clicks or two terminals, one saves and the other is refused.
        order.StartRefund(now);
        var earlier = await db.Refunds.SingleOrDefaultAsync(r => r.OrderId == order.Id, ct);
        if (earlier is { Status: not RefundStatus.Failed })
        {
            // Another terminal's refund of this order got there first (and is in flight or done).
            db.ChangeTracker.Clear();
            log.LogWarning("Refund of order {TradeNo} refused: refund {RefundNo} is already {Status}", order.TradeNo, earlier.RefundNo, earlier.Status);
            return PosErrors.RefundNotAllowed;
        }
        earlier?.Retry(now, approvedBy);
        var refund = earlier ?? db.Refunds.Add(Refund.For(order, now, approvedBy)).Entity;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (StorageFailures.Classify(e) is null or StorageFailure.UniqueViolation)
        {
            // The order's version moved or the refund row exists: another request claimed this refund.
            db.ChangeTracker.Clear();
            log.LogWarning("Refund of order {TradeNo} refused: claimed by another request ({Error})", order.TradeNo, e.GetType().Name);
            return PosErrors.RefundNotAllowed;
        }
        catch (DbUpdateException e)
        {
            // Nothing was claimed and nothing sent: the cashier can try again once the database takes writes.
            db.ChangeTracker.Clear();
            var failure = StorageFailures.Classify(e)!.Value;
            log.LogError(e, "Refund of order {TradeNo} not written ({Failure}); nothing was sent to the channel", order.TradeNo, failure);
            return StorageFailures.ErrorFor(failure);
        }
        log.LogInformation("Refund {RefundNo} of {TradeNo} written: {Method} {Amount} by {Actor}, approved by {Approver}",
            refund.RefundNo, order.TradeNo, order.Method, refund.Amount, db.Actor.UserName, approvedBy ?? "(not needed)");
        return await SendAsync(order, refund, ct);
    }

    /// <summary>A refund whose outcome is not known: ask the channel; send again (same number) only if it never arrived.</summary>
    public async Task<Result<RefundView>> ResolveAsync(long orderId, CancellationToken ct = default)
    {
        var order = await db.Orders.SingleAsync(o => o.Id == orderId, ct);
        var refund = await db.Refunds.SingleOrDefaultAsync(r => r.OrderId == orderId, ct);
        if (refund is null || refund.Status != RefundStatus.Requested) return PosErrors.RefundNotAllowed;
        if (order.Method == PaymentMethod.Cash) return await SendAsync(order, refund, ct);

        var known = await channels.For(order.Method).QueryRefundAsync(Describe(order, refund), ct);
        log.LogInformation("Refund {RefundNo}: query answered {Outcome}", refund.RefundNo, known);
        return known is RefundOutcome.NotFound ? await SendAsync(order, refund, ct) : await ApplyAsync(order, refund, known, ct);
    }

    private async Task<Result<RefundView>> SendAsync(Order order, Refund refund, CancellationToken ct)
    {
        refund.Sent(clock.GetUtcNow());
        await db.SaveChangesAsync(ct); // "sent" is on disk before it is sent
        if (order.Method == PaymentMethod.Cash)
            return await ApplyAsync(order, refund, new RefundOutcome.Refunded(refund.Amount), ct);
        var outcome = await channels.For(order.Method).RefundAsync(Describe(order, refund), ct);
        log.LogInformation("Refund {RefundNo} of {TradeNo}: attempt {Attempt} answered {Outcome}", refund.RefundNo, order.TradeNo, refund.Attempts, outcome);
        return await ApplyAsync(order, refund, outcome, ct);
    }

    private async Task<Result<RefundView>> ApplyAsync(Order order, Refund refund, RefundOutcome outcome, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        string message;
        switch (outcome)
        {
            case RefundOutcome.Refunded:
                refund.Complete(now);
                order.CompleteRefund(now);
                message = order.Method == PaymentMethod.Cash
                    ? $"退单成功：交易号 {order.TradeNo}，请从钱箱退还现金 {refund.Amount}。"
                    : $"退单成功：交易号 {order.TradeNo}，{refund.Amount} 已原路退回{order.Method.ToChinese()}。";
                break;
            case RefundOutcome.Failed failed:
                refund.Fail(failed.Detail, now);
                order.RefundRefused(now);
                message = $"退款失败：{failed.Detail}。订单仍为已支付，可稍后重试。";
                break;
            default:
                message = $"退款已提交，结果待确认（{order.Method.ToChinese()}暂未答复）。系统将用同一退款单号核实，请勿重复退款。";
                break;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (StorageFailures.Classify(e) is { } failure and not StorageFailure.UniqueViolation)
        {
            // The channel has answered but its answer is not on disk: the refund stays "sent", and recovery asks again by the same number.
            log.LogError(e, "Refund {RefundNo}: the answer {Outcome} could not be saved ({Failure}); it will be asked for again", refund.RefundNo, outcome, failure);
            return new RefundView(order.TradeNo, RefundStatus.Requested,
                $"退款已提交给{order.Method.ToChinese()}，但结果未能保存（{StorageFailures.ErrorFor(failure).Code}）。系统将用同一退款单号核实，请勿重复退款。");
        }
        return new RefundView(order.TradeNo, refund.Status, message);
    }

    private static ChannelRefund Describe(Order order, Refund refund) =>
        new(order.TradeNo.Value, refund.RefundNo, order.Total, refund.Amount, order.ChannelTradeId);
}
