namespace PharmacyPos.Domain.Journal;

/// <summary>
/// The journal's event names, defined once: the domain writes them, the audit trail maps them,
/// engineers grep for them. A name used anywhere else is a compile error, not a lost audit row.
/// </summary>
public static class JournalEvents
{
    public const string OrderWritten = "order.written";
    public const string PaidInCash = "order.paid-in-cash";
    public const string PaymentAnswered = "payment.answered";
    public const string OrderPaid = "order.paid";
    public const string OrderFailed = "order.failed";
    public const string CancelDecided = "payment.cancel-decided";
    public const string RefundClaimed = "refund.claimed";
    public const string OrderRefunded = "order.refunded";
    public const string RefundReturnedToPaid = "refund.returned-to-paid";
    public const string RefundRequested = "refund.requested";
    public const string RefundSent = "refund.sent";
    public const string RefundCompleted = "refund.completed";
    public const string RefundFailed = "refund.failed";
    public const string RefundRetried = "refund.retried";
}
