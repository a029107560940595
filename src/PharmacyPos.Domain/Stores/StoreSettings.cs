using PharmacyPos.Domain.Errors;

namespace PharmacyPos.Domain.Stores;

/// <summary>
/// The store's own settings, set by its manager on the 设置 page: when a purchase must be
/// registered, when a cashier's refund needs a manager, and the name, address and phone every
/// receipt is headed with. Until set, the configured defaults hold.
/// </summary>
public sealed class StoreSettings
{
    public static readonly Money Ceiling = Money.FromYuan(100_000m);

    private StoreSettings() { }

    public int StoreId { get; private set; }
    public Money RegistrationThreshold { get; private set; }
    public Money RefundApprovalThreshold { get; private set; }
    /// <summary>The pharmacy's name as on its licence: the receipt's heading.</summary>
    public string Name { get; private set; } = "";
    public string Address { get; private set; } = "";
    public string Phone { get; private set; } = "";
    /// <summary>打印小票 by itself when a payment succeeds (cash, card, 扫码), for a till with a receipt printer.</summary>
    public bool PrintReceiptWhenPaid { get; private set; }
    /// <summary>近效期: a batch expiring within this many days is marked at the sale and in the 近效期 report (GSP leaves the window to the store).</summary>
    public int NearExpiryDays { get; private set; } = DefaultNearExpiryDays;

    public const int DefaultNearExpiryDays = 90, MaxNearExpiryDays = 365;

    /// <summary>缺货: refuse a line the store's batches cannot cover (the default), or take it with a warning and record the shortfall.</summary>
    public bool RefuseOutOfStock { get; private set; } = true;

    /// <summary>取款/备用金补充 above this needs a manager's password at the till.</summary>
    public Money CashMovementApprovalThreshold { get; private set; } = DefaultCashMovementApproval;
    /// <summary>A 交班 difference (长款 or 短款) above this needs a manager's password.</summary>
    public Money ShiftDifferenceApprovalThreshold { get; private set; } = DefaultShiftDifferenceApproval;

    public static readonly Money DefaultCashMovementApproval = Money.FromYuan(500m), DefaultShiftDifferenceApproval = Money.FromYuan(10m);

    public PosError? CashControl(Money movementApproval, Money differenceApproval, string by, DateTimeOffset now)
    {
        if (movementApproval.IsNegative || movementApproval > Ceiling)
            return new PosError("CASH_MOVEMENT_THRESHOLD_INVALID", $"取款审批金额应在 ¥0.00 到 {Ceiling} 之间（¥0.00 表示每笔都须店长批准）。");
        if (differenceApproval.IsNegative || differenceApproval > Ceiling)
            return new PosError("SHIFT_DIFFERENCE_THRESHOLD_INVALID", $"交班差额审批金额应在 ¥0.00 到 {Ceiling} 之间（¥0.00 表示有差额就须店长批准）。");
        (CashMovementApprovalThreshold, ShiftDifferenceApprovalThreshold, UpdatedAt, UpdatedBy) = (movementApproval, differenceApproval, now, by);
        return null;
    }

    /// <summary>含麻黄碱: smallest packages per purchase (national maximum 2; a province may set fewer).</summary>
    public int EphedrineLimit { get; private set; } = Regulated.RegulatedSale.NationalEphedrineLimit;
    /// <summary>含麻黄碱: refuse the same ID number again within this many days (0: no such rule, the national default).</summary>
    public int EphedrineRepeatDays { get; private set; }

    public const int MaxEphedrineRepeatDays = 90;

    public PosError? EphedrineRules(int limit, int repeatDays, string by, DateTimeOffset now)
    {
        if (limit is < 1 or > Regulated.RegulatedSale.NationalEphedrineLimit)
            return new PosError("EPHEDRINE_LIMIT_INVALID", $"含麻黄碱每次限购数量应在 1 到 {Regulated.RegulatedSale.NationalEphedrineLimit} 个最小包装之间（国家规定最多 2 个）。");
        if (repeatDays is < 0 or > MaxEphedrineRepeatDays)
            return new PosError("EPHEDRINE_REPEAT_DAYS_INVALID", $"同一身份证再次购买间隔应在 0 到 {MaxEphedrineRepeatDays} 天之间（0 表示不限制）。");
        (EphedrineLimit, EphedrineRepeatDays, UpdatedAt, UpdatedBy) = (limit, repeatDays, now, by);
        return null;
    }

    public void OutOfStockRule(bool refuse, string by, DateTimeOffset now) => (RefuseOutOfStock, UpdatedAt, UpdatedBy) = (refuse, now, by);

    public PosError? WatchExpiry(int days, string by, DateTimeOffset now)
    {
        if (days is < 1 or > MaxNearExpiryDays) return new PosError("NEAR_EXPIRY_DAYS_INVALID", $"近效期天数应在 1 到 {MaxNearExpiryDays} 之间。");
        (NearExpiryDays, UpdatedAt, UpdatedBy) = (days, now, by);
        return null;
    }
    public DateTimeOffset? UpdatedAt { get; private set; }

    public const int NameMax = 40, AddressMax = 80, PhoneMax = 20;
    public string? UpdatedBy { get; private set; }

    public static StoreSettings Defaults(int storeId, Money registrationThreshold, Money refundApprovalThreshold, string name, bool refuseOutOfStock = true) =>
        new()
        {
            StoreId = storeId, RegistrationThreshold = registrationThreshold, RefundApprovalThreshold = refundApprovalThreshold, Name = name,
            RefuseOutOfStock = refuseOutOfStock,
        };

    /// <summary>The receipt's heading. A name is required; address and phone may stay empty.</summary>
    public PosError? Rename(string? name, string? address, string? phone, string by, DateTimeOffset now)
    {
        // Invisible characters and runs of spaces are dropped as in a purchaser's name: a receipt prints what can be read.
        var n = Registration.PersonName.Clean(name);
        var a = Registration.PersonName.Clean(address);
        var p = (phone ?? "").Trim();
        if (n.Length is 0 or > NameMax || n.Any(char.IsControl))
            return new PosError("STORE_NAME_INVALID", $"药店名称不能为空，且不超过 {NameMax} 个字。");
        if (a.Length > AddressMax || a.Any(char.IsControl))
            return new PosError("STORE_ADDRESS_INVALID", $"地址不超过 {AddressMax} 个字。");
        if (p.Length > PhoneMax || !p.All(c => char.IsAsciiDigit(c) || c is '-' or ' ' or '+' or '(' or ')'))
            return new PosError("STORE_PHONE_INVALID", $"电话只能包含数字、空格和 - + ( )，不超过 {PhoneMax} 位。");
        (Name, Address, Phone, UpdatedAt, UpdatedBy) = (n, a, p, now, by);
        return null;
    }

    public void PrintWhenPaid(bool on, string by, DateTimeOffset now) => (PrintReceiptWhenPaid, UpdatedAt, UpdatedBy) = (on, now, by);

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
