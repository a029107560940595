using PharmacyPos.Domain.Errors;

namespace PharmacyPos.Domain.Shifts;

/// <summary>
/// 日结 of one business day (Beijing time) at one store: done once, by a manager, after every shift
/// that worked the day has handed over. The day's report is kept as it was at closing, so the
/// closed day reads the same whenever it is printed or exported; later refunds belong to later days.
/// </summary>
public sealed class DayClose
{
    private DayClose() { }

    public long Id { get; private set; }
    public int StoreId { get; private set; }
    public DateOnly Day { get; private set; }
    public DateTimeOffset ClosedAt { get; private set; }
    public string ClosedBy { get; private set; } = "";
    /// <summary>The report as closed (the data layer's serialised form; rendered, never rebuilt).</summary>
    public string Report { get; private set; } = "";

    /// <summary>The checks a day must pass before it closes, in the order a manager would fix them.</summary>
    /// <param name="openShifts">Shifts that began by the day's end and have not handed over, as 收银员（终端）.</param>
    /// <param name="inDoubt">Payments of the day still waiting for their channel.</param>
    /// <param name="carryInDoubt">The manager chose to carry them: recovery settles them and they show on a later 日结.</param>
    public static PosError? Refusal(DateOnly day, DateOnly today, bool alreadyClosed, IReadOnlyList<string> openShifts, int inDoubt, bool carryInDoubt)
    {
        if (day > today) return new PosError("DAY_IN_FUTURE", "不能日结尚未到来的日期。");
        if (alreadyClosed) return new PosError("DAY_ALREADY_CLOSED", $"{day:yyyy-MM-dd} 已日结，不能重复日结。", ErrorKind.Conflict);
        if (openShifts.Count > 0)
            return new PosError("DAY_SHIFTS_OPEN", $"还有班次未交班：{string.Join("、", openShifts)}。请先交班再日结。", ErrorKind.Conflict);
        if (inDoubt > 0 && !carryInDoubt)
            return new PosError("DAY_IN_DOUBT", $"还有 {inDoubt} 笔支付结果未定。请等待自动核实，或勾选“结转未决交易”后日结。", ErrorKind.Conflict);
        return null;
    }

    public static DayClose Close(int storeId, DateOnly day, string report, string by, DateTimeOffset now) =>
        new() { StoreId = storeId, Day = day, Report = report, ClosedBy = by, ClosedAt = now };
}
