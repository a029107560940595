using PharmacyPos.Domain;
using PharmacyPos.Domain.Orders;

namespace PharmacyPos.Channels;

/// <summary>A payment to ask a channel for: our out_trade_no, the amount, and what the buyer showed.</summary>
/// <param name="AuthCode">The scanned payment code, or for insurance the certificate number.</param>
/// <param name="Lines">What is being bought: the insurance platform needs the fee details.</param>
/// <param name="PhysicalCard">Insurance only: the code is a card number read at the counter (certificate type 03).</param>
/// <param name="Insured">The person the till's own 1101 lookup just found (it decided the route): the insurance channel settles for them without asking again.</param>
public sealed record ChannelPayment(string OutTradeNo, Money Amount, string AuthCode, string Subject, IReadOnlyList<OrderLine> Lines, bool PhysicalCard = false,
    Insurance.InsuredPerson? Insured = null);

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
