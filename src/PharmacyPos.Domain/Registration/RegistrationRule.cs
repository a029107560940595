using PharmacyPos.Domain.Orders;

namespace PharmacyPos.Domain.Registration;

/// <summary>
/// The bold rule at the top of the guide: a mobile medical-insurance payment at or above the set
/// amount is registered exactly as a physical card swipe is. Wallet payments are not.
/// </summary>
public static class RegistrationRule
{
    public static bool Applies(PaymentMethod method, Money total, Money threshold) => CanApply(method) && total >= threshold;

    /// <summary>Only the insured person's account is registered; a wallet payment never is, whatever its amount.</summary>
    public static bool CanApply(PaymentMethod method) => method is PaymentMethod.InsuranceAccount or PaymentMethod.SocialSecurityCard;
}
