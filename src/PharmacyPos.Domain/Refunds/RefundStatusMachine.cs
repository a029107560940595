namespace PharmacyPos.Domain.Refunds;

/// <summary>The only moves a refund may make: a failed refund may be asked again, never a completed one.</summary>
public static class RefundStatusMachine
{
    private static readonly HashSet<(RefundStatus, RefundStatus)> Legal =
    [
        (RefundStatus.Requested, RefundStatus.Refunded),
        (RefundStatus.Requested, RefundStatus.Failed),
        (RefundStatus.Failed, RefundStatus.Requested),
    ];

    public static bool CanMove(RefundStatus from, RefundStatus to) => Legal.Contains((from, to));
}
