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

/// <summary>A payment still open, as the order knows it: what a channel needs to withdraw it.</summary>
/// <param name="PsnNo">The insured person it settles for (the platform's 2601 names them); null for a wallet.</param>
public sealed record OpenPayment(string OutTradeNo, string? PsnNo);

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

    /// <summary>Withdraws an open payment with all the order knows of it; the wallets need only the 交易号.</summary>
    Task<CancelOutcome> CancelAsync(OpenPayment payment, CancellationToken ct = default) => CancelAsync(payment.OutTradeNo, ct);

    Task<RefundOutcome> RefundAsync(ChannelRefund refund, CancellationToken ct = default);

    Task<RefundOutcome> QueryRefundAsync(ChannelRefund refund, CancellationToken ct = default);
}
