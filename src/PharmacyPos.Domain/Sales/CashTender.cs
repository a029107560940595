using PharmacyPos.Domain.Errors;

namespace PharmacyPos.Domain.Sales;

/// <summary>实收 and 找零 of a cash payment.</summary>
public sealed record CashTender(Money Total, Money Received)
{
    public Money Change => Received - Total;

    public static Result<CashTender> From(Money total, string? receivedText)
    {
        if (!Money.TryParse(receivedText, out var received) || received.IsNegative)
            return PosErrors.CashAmountInvalid;
        if (received < total)
            return PosErrors.CashBelowTotal(total, received);
        return new CashTender(total, received);
    }
}
