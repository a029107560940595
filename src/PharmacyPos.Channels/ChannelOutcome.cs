using PharmacyPos.Domain;

namespace PharmacyPos.Channels;

/// <summary>
/// What a channel said about a payment. Anything the client could not prove — a timeout, a 5xx,
/// a reset, a body it cannot parse, a signature that does not verify — is <see cref="Unknown"/>,
/// never success: the caller queries before it acts again.
/// </summary>
public abstract record ChannelOutcome
{
    private ChannelOutcome() { }

    /// <param name="ChannelTradeId">The channel's own id: Alipay trade_no, WeChat transaction_id, insurance setl_id.</param>
    public sealed record Paid(string ChannelTradeId, Money Amount) : ChannelOutcome;

    /// <summary>The buyer must still confirm (or enter a password) on the phone.</summary>
    public sealed record WaitingForBuyer : ChannelOutcome;

    public sealed record Failed(ChannelFailure Reason, string Detail) : ChannelOutcome;

    public sealed record Unknown(string Reason) : ChannelOutcome;

    /// <summary>
    /// The answer was lost where the channel's rule is to undo the payment, not to ask about it
    /// (medical insurance: a 2102 without answer is withdrawn by 冲正 2601). The caller records that it
    /// is withdrawing before it cancels, and never takes a later query's "settled" for paid: a 2601 may
    /// reach the platform after that query did.
    /// </summary>
    public sealed record Withdrawing(string Reason) : ChannelOutcome;
}

public enum ChannelFailure
{
    BalanceNotEnough,
    CodeInvalid,
    CodeExpired,
    BuyerCancelled,
    /// <summary>Closed, cancelled or reversed before it was paid.</summary>
    TradeClosed,
    /// <summary>The channel has no trade under this out_trade_no.</summary>
    TradeNotFound,
    NotBound,
    Rejected,
}

/// <summary>What a cancel (alipay.trade.cancel / WeChat reverse / 2103) achieved.</summary>
public abstract record CancelOutcome
{
    private CancelOutcome() { }

    /// <param name="MoneyReturned">True when the buyer had paid and the cancel returned the money.</param>
    public sealed record Cancelled(bool MoneyReturned) : CancelOutcome;

    /// <summary>The channel asks for the call to be repeated (retry_flag=Y, recall=Y).</summary>
    public sealed record Retry(string Reason) : CancelOutcome;

    public sealed record Failed(string Detail) : CancelOutcome;

    public sealed record Unknown(string Reason) : CancelOutcome;
}

public abstract record RefundOutcome
{
    private RefundOutcome() { }

    public sealed record Refunded(Money Amount) : RefundOutcome;

    /// <summary>
    /// A refusal in the channel's own Chinese words (sub_msg, err_code_des) for the cashier; the
    /// code stays in the channel call's log line. A message that is not Chinese falls back.
    /// </summary>
    public static string Says(string? message, string fallback) =>
        message?.Trim() is { Length: > 0 } m && m.Any(c => c >= '\u4e00' && c <= '\u9fff') ? m : fallback;

    /// <summary>Accepted and still being processed (WeChat PROCESSING); query again.</summary>
    public sealed record Processing : RefundOutcome;

    public sealed record Failed(string Detail) : RefundOutcome;

    /// <summary>The channel has no refund under this refund number: it is safe to send it (again, same number).</summary>
    public sealed record NotFound : RefundOutcome;

    public sealed record Unknown(string Reason) : RefundOutcome;
}
