using PharmacyPos.Domain.Errors;

namespace PharmacyPos.Domain.Stores;

/// <summary>
/// The store's own amounts, set by its manager on the 设置 page: when a purchase must be
/// registered, and when a cashier's refund needs a manager. Until set, the configured defaults hold.
/// </summary>
public sealed class StoreSettings
{
    public static readonly Money Ceiling = Money.FromYuan(100_000m);

    private StoreSettings() { }

    public int StoreId { get; private set; }
    public Money RegistrationThreshold { get; private set; }
    public Money RefundApprovalThreshold { get; private set; }
    public DateTimeOffset? UpdatedAt { get; private set; }
    public string? UpdatedBy { get; private set; }

    public static StoreSettings Defaults(int storeId, Money registrationThreshold, Money refundApprovalThreshold) =>
        new() { StoreId = storeId, RegistrationThreshold = registrationThreshold, RefundApprovalThreshold = refundApprovalThreshold };

    public PosError? Change(Money registrationThreshold, Money refundApprovalThreshold, string by, DateTimeOffset now)
    {
        if (registrationThreshold <= Money.Zero || registrationThreshold > Ceiling)
            return new PosError("REGISTRATION_THRESHOLD_INVALID", $"登记金额应大于 ¥0.00、不超过 {Ceiling}。");
        if (refundApprovalThreshold < Money.Zero || refundApprovalThreshold > Ceiling)
            return new PosError("REFUND_THRESHOLD_INVALID", $"退款审批金额应在 ¥0.00 到 {Ceiling} 之间（¥0.00 表示收银员的每笔退款都须店长批准）。");
        RegistrationThreshold = registrationThreshold;
        RefundApprovalThreshold = refundApprovalThreshold;
        UpdatedAt = now;
        UpdatedBy = by;
        return null;
    }
}
