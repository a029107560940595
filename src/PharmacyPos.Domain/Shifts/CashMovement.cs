using PharmacyPos.Domain.Errors;

namespace PharmacyPos.Domain.Shifts;

public enum CashMovementKind
{
    /// <summary>取款: cash taken from the drawer to the safe.</summary>
    ToSafe = 1,
    /// <summary>备用金补充: change added to the drawer.</summary>
    FloatTopUp = 2,
}

/// <summary>
/// Cash into or out of the drawer without a sale, with its reason and who allowed it. Kept for ever
/// (the audit trail refuses rewrites of it) and counted in the shift's expected cash.
/// </summary>
public sealed class CashMovement
{
    public const int ReasonMax = 60;

    private CashMovement() { }

    public long Id { get; private set; }
    public int StoreId { get; private set; }
    public string TerminalId { get; private set; } = "";
    public long ShiftId { get; private set; }
    public CashMovementKind Kind { get; private set; }
    /// <summary>Always positive; <see cref="Signed"/> is what the drawer gains.</summary>
    public Money Amount { get; private set; }
    public string Reason { get; private set; } = "";
    public DateTimeOffset At { get; private set; }
    public string By { get; private set; } = "";
    public string? ApprovedBy { get; private set; }

    public Money Signed => Kind == CashMovementKind.ToSafe ? Money.Zero - Amount : Amount;

    public static string ToChinese(CashMovementKind kind) => kind == CashMovementKind.ToSafe ? "取款" : "备用金补充";

    /// <param name="approvedBy">The manager who approved it, when the amount needed one (the caller checked the threshold and the password).</param>
    public static Result<CashMovement> Record(Shift shift, CashMovementKind kind, Money amount, string? reason, string by, string? approvedBy, DateTimeOffset now)
    {
        if (shift.Status != ShiftStatus.Open) return ShiftErrors.NotOpen;
        if (!Enum.IsDefined(kind)) return new PosError("CASH_MOVEMENT_KIND_INVALID", "请选择取款或备用金补充。");
        if (amount <= Money.Zero) return new PosError("CASH_MOVEMENT_AMOUNT_INVALID", "金额必须大于 ¥0.00。");
        if (amount > CashCount.Most) return new PosError("CASH_MOVEMENT_AMOUNT_INVALID", $"金额超过 {CashCount.Most}，请检查输入。");
        var why = Registration.PersonName.Clean(reason);
        // A control character is a scanner or a script typing into the field, not a reason: refused, not cleaned away.
        if ((reason ?? "").Any(char.IsControl) || why.Length == 0 || why.Length > ReasonMax || why.Any(char.IsControl))
            return new PosError("CASH_MOVEMENT_REASON_INVALID", $"请填写原因（不超过 {ReasonMax} 个字）。");
        return new CashMovement
        {
            StoreId = shift.StoreId, TerminalId = shift.TerminalId, ShiftId = shift.Id, Kind = kind, Amount = amount, Reason = why,
            At = now, By = by, ApprovedBy = approvedBy,
        };
    }
}
