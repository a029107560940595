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
    /// <summary>补记: a payment the channel took that the POS had no order for (after a restore), entered from the channel's own record.</summary>
    public const string OrderReattached = "order.reattached";
    public const string CancelDecided = "payment.cancel-decided";
    public const string RefundClaimed = "refund.claimed";
    public const string OrderRefunded = "order.refunded";
    public const string RefundReturnedToPaid = "refund.returned-to-paid";
    public const string RefundRequested = "refund.requested";
    public const string RefundSent = "refund.sent";
    public const string RefundCompleted = "refund.completed";
    public const string RefundFailed = "refund.failed";
    public const string RefundRetried = "refund.retried";

    /// <summary>What a manager reads in 订单查询; the stable name stays for grep.</summary>
    public static string ToChinese(string journalEvent) => journalEvent switch
    {
        OrderWritten => "订单写入，开始支付",
        PaidInCash => "现金收款",
        PaymentAnswered => "渠道应答",
        OrderPaid => "支付成功",
        OrderFailed => "支付失败",
        CancelDecided => "决定撤销",
        RefundClaimed => "开始退单",
        OrderRefunded => "订单已退款",
        RefundReturnedToPaid => "退款未成，订单仍为已支付",
        RefundRequested => "退款申请",
        RefundSent => "退款请求发往渠道",
        RefundCompleted => "退款成功",
        RefundFailed => "退款失败",
        RefundRetried => "重新退款",
        _ => journalEvent,
    };
}
