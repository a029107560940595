using PharmacyPos.Domain;

namespace PharmacyPos.Sandbox.Model;

/// <summary>
/// Closed: expired or the buyer's balance fell short; Revoked: the merchant cancelled it before it was
/// paid (WeChat's REVOKED, Alipay's TRADE_CLOSED); Reversed: cancelled after payment, money returned.
/// </summary>
public enum TradeStatus { WaitingForBuyer, Paid, Closed, BuyerCancelled, Revoked, Reversed }

/// <summary>One refund of a trade under the merchant's refund number, with the channel's own refund id.</summary>
public sealed record TradeRefund(string RefundId, Money Amount, DateTimeOffset At);

/// <summary>A payment (or insurance settlement) held by the sandbox under the merchant's out_trade_no.</summary>
public sealed class Trade
{
    public required Channel Channel { get; init; }
    public required string OutTradeNo { get; init; }
    public required string ChannelTradeId { get; init; }
    public required string CustomerId { get; init; }
    public required Money Amount { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string Subject { get; init; } = "";
    public TradeStatus Status { get; set; }
    public DateTimeOffset? PaidAt { get; set; }
    /// <summary>When auto-confirm will confirm it, if the customer has auto-confirm on.</summary>
    public DateTimeOffset? ConfirmAt { get; set; }
    /// <summary>Refund number → refund, in the order they were made. The same number twice is one refund.</summary>
    public Dictionary<string, TradeRefund> Refunds { get; } = [];
    public Money Refunded => Refunds.Values.Aggregate(Money.Zero, (a, r) => a + r.Amount);
    /// <summary>Insurance only: the insured person.</summary>
    public string? PsnNo { get; init; }
}
