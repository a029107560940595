using PharmacyPos.Domain;

namespace PharmacyPos.Checkout.Mobile;

public sealed class MobilePaymentOptions
{
    public const string Section = "MobilePayment";

    /// <summary>注意事项 3: the buyer has 60 s to confirm. Only tests shorten it.</summary>
    public int ConfirmWindowSeconds { get; set; } = 60;

    /// <summary>How often the till asks the channel while the buyer has not confirmed.</summary>
    public int PollIntervalSeconds { get; set; } = 2;

    /// <summary>规定金额: an insurance-account payment at or above it must be registered.</summary>
    public decimal RegistrationThresholdYuan { get; set; } = 200m;

    public TimeSpan ConfirmWindow => TimeSpan.FromSeconds(ConfirmWindowSeconds);
    public Money RegistrationThreshold => Money.FromYuan(RegistrationThresholdYuan);
}
