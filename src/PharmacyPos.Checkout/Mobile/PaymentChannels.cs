using PharmacyPos.Channels;
using PharmacyPos.Domain.Errors;
using PharmacyPos.Domain.Orders;

namespace PharmacyPos.Checkout.Mobile;

/// <summary>The channel that takes (and gives back) the money for each way of paying.</summary>
public sealed class PaymentChannels(IEnumerable<IPaymentChannel> channels)
{
    private readonly Dictionary<PaymentMethod, IPaymentChannel> _byMethod = channels.ToDictionary(c => c.Method);

    public IPaymentChannel For(PaymentMethod method) =>
        // The physical card settles through the same insurance platform, certificate type 03.
        _byMethod[method == PaymentMethod.SocialSecurityCard ? PaymentMethod.InsuranceAccount : method];

    /// <summary>The one Chinese message for each way a channel can say no; a card is swiped again, not scanned.</summary>
    public static PosError ErrorFor(ChannelFailure failure, PaymentMethod method) => method == PaymentMethod.SocialSecurityCard
        ? failure switch
        {
            ChannelFailure.BalanceNotEnough => PaymentErrors.CardBalanceNotEnough,
            ChannelFailure.CodeInvalid or ChannelFailure.CodeExpired or ChannelFailure.NotBound => PaymentErrors.CardRefused,
            ChannelFailure.TradeClosed => PaymentErrors.CardTradeClosed,
            _ => PaymentErrors.ChannelRejected,
        }
        : ErrorFor(failure);

    private static PosError ErrorFor(ChannelFailure failure) => failure switch
    {
        ChannelFailure.BalanceNotEnough => PaymentErrors.BalanceNotEnough,
        ChannelFailure.CodeInvalid => PaymentErrors.CodeInvalid,
        ChannelFailure.CodeExpired => PaymentErrors.CodeExpired,
        ChannelFailure.BuyerCancelled => PaymentErrors.BuyerCancelled,
        ChannelFailure.TradeClosed => PaymentErrors.TradeClosed,
        ChannelFailure.NotBound => PaymentErrors.NotBound,
        _ => PaymentErrors.ChannelRejected,
    };
}
