namespace PharmacyPos.Domain.Orders;

/// <summary>The only moves an order may make. Anything else is a bug, not a business outcome.</summary>
public static class OrderStatusMachine
{
    private static readonly HashSet<(OrderStatus, OrderStatus)> Legal =
    [
        (OrderStatus.Pending, OrderStatus.Paid),
        (OrderStatus.Pending, OrderStatus.Failed),
        (OrderStatus.Paid, OrderStatus.Refunding),
        (OrderStatus.Refunding, OrderStatus.Refunded),
        (OrderStatus.Refunding, OrderStatus.Paid),
    ];

    public static bool CanMove(OrderStatus from, OrderStatus to) => Legal.Contains((from, to));
}
