using PharmacyPos.Domain;

namespace PharmacyPos.Sandbox.Model;

public enum Channel { Alipay, WeChat, Insurance }

public enum Movement
{
    /// <summary>Money taken from a wallet for a payment.</summary>
    Charge,
    /// <summary>A paid trade cancelled/reversed: its money returned.</summary>
    Reversal,
    Refund,
    InsuranceSettlement,
    InsuranceCancel,
}

/// <summary>One movement of money, as the channel's own books would show it.</summary>
public sealed record LedgerEntry(long Seq, DateTimeOffset Time, Channel Channel, Movement Movement, string OutTradeNo,
    string? RefundNo, string CustomerId, long AmountFen);
