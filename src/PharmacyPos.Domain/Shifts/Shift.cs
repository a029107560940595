using PharmacyPos.Domain.Errors;
using PharmacyPos.Domain.Staff;

namespace PharmacyPos.Domain.Shifts;

public enum ShiftStatus
{
    Open = 1,
    HandedOver = 2,
}

/// <summary>
/// 班次: one cashier's stretch at one till, from signing in to 交班. Every order, refund and cash
/// movement they make is written under it; at 交班 the drawer's count is set against what it
/// should hold and the difference (长款/短款) is kept with the figures it was measured against.
/// </summary>
public sealed class Shift
{
    private Shift() { }

    public long Id { get; private set; }
    public int StoreId { get; private set; }
    public string TerminalId { get; private set; } = "";
    public string Cashier { get; private set; } = "";
    public string CashierName { get; private set; } = "";
    public DateTimeOffset OpenedAt { get; private set; }
    public ShiftStatus Status { get; private set; }

    /// <summary>备用金 in the drawer at the start; null until the cashier declares it (the sale screen asks).</summary>
    public Money? Float { get; private set; }

    public DateTimeOffset? HandedOverAt { get; private set; }
    public string? HandedOverBy { get; private set; }
    public Money? Counted { get; private set; }
    public Money? Expected { get; private set; }
    /// <summary>Counted − expected: positive 长款, negative 短款.</summary>
    public Money? Difference { get; private set; }
    public string? DifferenceApprovedBy { get; private set; }
    /// <summary>The figures the count was set against, kept as they were: the 交班单 reprints them, not today's.</summary>
    public ShiftTotals? Closing { get; private set; }

    /// <summary>Two screens handing over one shift: only the first save wins.</summary>
    public int Version { get; private set; }

    public static Shift Open(int storeId, string terminalId, Actor cashier, DateTimeOffset now) => new()
    {
        StoreId = storeId, TerminalId = terminalId, Cashier = cashier.UserName, CashierName = cashier.DisplayName,
        OpenedAt = now, Status = ShiftStatus.Open,
    };

    public PosError? DeclareFloat(Money amount)
    {
        if (Status != ShiftStatus.Open) return ShiftErrors.NotOpen;
        if (Float is not null) return ShiftErrors.FloatAlreadyDeclared;
        if (amount.IsNegative) return new PosError("FLOAT_INVALID", "备用金不能为负数。");
        if (amount > CashCount.Most) return new PosError("FLOAT_INVALID", $"备用金超过 {CashCount.Most}，请检查输入。");
        Float = amount;
        Version++;
        return null;
    }

    /// <summary>The difference a count would make, before it is committed (the screen shows it, and whether it needs a manager).</summary>
    public static Money DifferenceOf(CashCount count, ShiftTotals totals) => count.Total - totals.ExpectedCash;

    /// <param name="by">Who hands over: the shift's cashier, or a manager closing an absent cashier's shift (the caller checked which).</param>
    /// <param name="approvedBy">The manager who accepted a difference beyond the store's setting (the caller checked it was needed and given).</param>
    public PosError? HandOver(CashCount count, ShiftTotals totals, string by, string? approvedBy, DateTimeOffset now)
    {
        if (Status != ShiftStatus.Open) return ShiftErrors.AlreadyHandedOver;
        Status = ShiftStatus.HandedOver;
        (HandedOverAt, HandedOverBy, DifferenceApprovedBy) = (now, by, approvedBy);
        Counted = count.Total;
        Expected = totals.ExpectedCash;
        Difference = DifferenceOf(count, totals);
        Closing = totals;
        Version++;
        return null;
    }

    public static string DescribeDifference(Money difference) =>
        difference.Fen switch { > 0 => $"长款 {difference}", < 0 => $"短款 {Money.Zero - difference}", _ => "无差额" };
}
