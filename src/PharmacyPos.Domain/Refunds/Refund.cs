using PharmacyPos.Domain.Orders;

namespace PharmacyPos.Domain.Refunds;

public enum RefundStatus
{
    /// <summary>Written before the channel is asked; outcome not known yet.</summary>
    Requested = 1,
    Refunded = 2,
    Failed = 3,
}

/// <summary>
/// 退单 of one order. Its refund number is fixed when it is written and is the channel's
/// idempotency key: every retry and every query uses the same number, so money can only go
/// back once.
/// </summary>
public sealed class Refund
{
    private Refund() { }

    public long Id { get; private set; }
    public long OrderId { get; private set; }
    public TradeNo TradeNo { get; private set; }
    public int StoreId { get; private set; }
    public string RefundNo { get; private set; } = "";
    public PaymentMethod Method { get; private set; }
    public Money Amount { get; private set; }
    public RefundStatus Status { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    public string? FailureMessage { get; private set; }
    public int Attempts { get; private set; }

    public static Refund For(Order order, DateTimeOffset now) => new()
    {
        OrderId = order.Id,
        TradeNo = order.TradeNo,
        StoreId = order.StoreId,
        RefundNo = order.TradeNo.Value + "R1",
        Method = order.Method,
        Amount = order.Total,
        Status = RefundStatus.Requested,
        RequestedAt = now,
    };

    public void Sent() => Attempts++;

    public void Complete(DateTimeOffset now)
    {
        Status = RefundStatus.Refunded;
        FinishedAt = now;
        FailureMessage = null;
    }

    public void Fail(string reason, DateTimeOffset now)
    {
        Status = RefundStatus.Failed;
        FinishedAt = now;
        FailureMessage = reason;
    }

    /// <summary>A failed refund tried again: the same number, so it can never be applied twice.</summary>
    public void Retry()
    {
        Status = RefundStatus.Requested;
        FinishedAt = null;
    }
}
