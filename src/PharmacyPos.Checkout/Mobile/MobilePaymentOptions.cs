using PharmacyPos.Domain;

namespace PharmacyPos.Checkout.Mobile;

public sealed class MobilePaymentOptions
{
    public const string Section = "MobilePayment";

    /// <summary>注意事项 3: the buyer has 60 s to confirm. Only tests shorten it.</summary>
    public int ConfirmWindowSeconds { get; set; } = 60;

    /// <summary>How often the till asks the channel while the buyer has not confirmed.</summary>
    public int PollIntervalSeconds { get; set; } = 2;

    /// <summary>A scan still unanswered after this many seconds is shown as 渠道响应慢, so the cashier knows it is the channel.</summary>
    public int SlowChannelSeconds { get; set; } = 3;

    /// <summary>After the window, a cancel not confirmed within this many seconds lets the cashier leave the dialog to recovery.</summary>
    public int LeaveAfterCancelSeconds { get; set; } = 5;

    /// <summary>规定金额: an insurance-account payment at or above it must be registered.</summary>
    public decimal RegistrationThresholdYuan { get; set; } = 200m;

    /// <summary>
    /// How long a customer's payment code stays good after it is shown (Alipay and WeChat refresh theirs
    /// every minute): the registration form counts it down and asks for a fresh code rather than send a dead one.
    /// </summary>
    public int PaymentCodeLifetimeSeconds { get; set; } = 60;

    public TimeSpan ConfirmWindow => TimeSpan.FromSeconds(ConfirmWindowSeconds);
    public TimeSpan PaymentCodeLifetime => TimeSpan.FromSeconds(PaymentCodeLifetimeSeconds);
    public Money RegistrationThreshold => Money.FromYuan(RegistrationThresholdYuan);
}
