namespace PharmacyPos.Domain.Orders;

public enum OrderStatus
{
    /// <summary>Written before any channel call; the payment's outcome is not yet final.</summary>
    Pending = 1,
    Paid = 2,
    Failed = 3,
    Refunding = 4,
    Refunded = 5,
}

public static class OrderStatusNames
{
    public static string ToChinese(this OrderStatus status) => status switch
    {
        OrderStatus.Pending => "支付中",
        OrderStatus.Paid => "已支付",
        OrderStatus.Failed => "支付失败",
        OrderStatus.Refunding => "退款中",
        OrderStatus.Refunded => "已退款",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };
}
