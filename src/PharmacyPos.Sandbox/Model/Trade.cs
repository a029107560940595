using PharmacyPos.Domain;

namespace PharmacyPos.Sandbox.Model;

public enum TradeStatus { WaitingForBuyer, Paid, Closed, BuyerCancelled, Reversed }

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
    /// <summary>Refund number → amount. The same number twice is one refund.</summary>
    public Dictionary<string, Money> Refunds { get; } = [];
    public Money Refunded => Refunds.Values.Aggregate(Money.Zero, (a, b) => a + b);
    /// <summary>Insurance only: the insured person.</summary>
    public string? PsnNo { get; init; }
}
