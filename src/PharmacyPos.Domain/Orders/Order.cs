using PharmacyPos.Domain.Sales;

namespace PharmacyPos.Domain.Orders;

/// <summary>A sale that has been (or is being) paid, under its 交易号.</summary>
public sealed class Order
{
    private readonly List<OrderLine> _lines = [];

    private Order() { }

    private Order(TradeNo tradeNo, int storeId, string terminalId, DateTimeOffset createdAt, Sale sale, PaymentMethod method)
    {
        if (sale.IsEmpty) throw new InvalidOperationException("An order needs at least one line.");
        TradeNo = tradeNo;
        StoreId = storeId;
        TerminalId = terminalId;
        CreatedAt = createdAt;
        Method = method;
        Total = sale.Total;
        Status = OrderStatus.Pending;
        var lineNo = 1;
        foreach (var l in sale.Lines)
        {
            _lines.Add(new OrderLine(lineNo++, l.Drug.Code, l.Drug.Name, l.Drug.Specification, l.Drug.Unit,
                l.Drug.NationalCode, l.Drug.WhollySelfPaid, l.UnitPrice, l.Quantity));
        }
    }

    public long Id { get; private set; }
    public TradeNo TradeNo { get; private set; }
    public int StoreId { get; private set; }
    public string TerminalId { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? PaidAt { get; private set; }
    public Money Total { get; private set; }
    public PaymentMethod Method { get; private set; }
    public OrderStatus Status { get; private set; }
    public Money? CashReceived { get; private set; }
    public Money? Change { get; private set; }
    public IReadOnlyList<OrderLine> Lines => _lines;

    /// <summary>Cash changes hands at the counter, so the order is paid the moment it is written.</summary>
    public static Order PaidInCash(TradeNo tradeNo, int storeId, string terminalId, DateTimeOffset now, Sale sale, CashTender tender)
    {
        var order = new Order(tradeNo, storeId, terminalId, now, sale, PaymentMethod.Cash)
        {
            CashReceived = tender.Received,
            Change = tender.Change,
            Status = OrderStatus.Paid,
            PaidAt = now,
        };
        return order;
    }
}
