using PharmacyPos.Domain;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Payments;

namespace PharmacyPos.Channels;

/// <summary>A payment to ask a channel for: our 交易号, the amount, and what the buyer presented.</summary>
/// <param name="Lines">What is being bought: the insurance platform needs the fee details.</param>
public sealed record ChannelPayment(TradeNo TradeNo, Money Amount, Tender Tender, string Subject, IReadOnlyList<OrderLine> Lines)
{
    public string OutTradeNo => TradeNo.Value;
}

public sealed record ChannelRefund(string OutTradeNo, string OutRefundNo, Money Total, Money RefundAmount, string? ChannelTradeId);

/// <summary>
/// The checkout's one view of every channel: pay, query, cancel, refund, refund query.
/// Implementations speak one real wire protocol each.
/// </summary>
public interface IPaymentChannel
{
    PaymentMethod Method { get; }

    Task<ChannelOutcome> PayAsync(ChannelPayment payment, CancellationToken ct = default);

    Task<ChannelOutcome> QueryAsync(string outTradeNo, CancellationToken ct = default);

    Task<CancelOutcome> CancelAsync(string outTradeNo, CancellationToken ct = default);

    Task<RefundOutcome> RefundAsync(ChannelRefund refund, CancellationToken ct = default);

    Task<RefundOutcome> QueryRefundAsync(ChannelRefund refund, CancellationToken ct = default);
}
