using PharmacyPos.Domain.Errors;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Settlement;

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

    /// <summary>The channel's own id once paid: trade_no, transaction_id or setl_id.</summary>
    public string? ChannelTradeId { get; private set; }
    /// <summary>Why the money went this way (注意事项 1/2), as the cashier was shown it.</summary>
    public string? RouteExplanation { get; private set; }
    public string? PsnNo { get; private set; }
    public string? InsuredName { get; private set; }
    /// <summary>60 s rule: a payment the buyer has not confirmed by then is cancelled and failed.</summary>
    public DateTimeOffset? ConfirmDeadline { get; private set; }
    public bool CancelRequested { get; private set; }
    public string? FailureCode { get; private set; }
    public string? FailureMessage { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }

    public bool IsFinal => Status is not OrderStatus.Pending;

    /// <summary>Bumped by every change: the till and the recovery job may both act on one order, and only one may win.</summary>
    public int Version { get; private set; }

    /// <summary>A mobile (or card) payment: written before the channel is called, so no charge is ever without its order.</summary>
    public static Order StartPayment(TradeNo tradeNo, int storeId, string terminalId, DateTimeOffset now, Sale sale,
        SettlementRoute route, TimeSpan confirmWindow) =>
        new(tradeNo, storeId, terminalId, now, sale, route.Method)
        {
            RouteExplanation = route.Explanation,
            PsnNo = route.Insured?.PsnNo,
            InsuredName = route.Insured?.InsuredName,
            ConfirmDeadline = now + confirmWindow,
        };

    public void MarkPaid(string channelTradeId, DateTimeOffset now)
    {
        Move(OrderStatus.Paid);
        ChannelTradeId = channelTradeId;
        PaidAt = now;
        FinishedAt = now;
    }

    public void MarkFailed(PosError error, DateTimeOffset now)
    {
        Move(OrderStatus.Failed);
        FailureCode = error.Code;
        FailureMessage = error.Message;
        FinishedAt = now;
    }

    /// <summary>The 60 s are up or the cashier gave up: from now on only a cancel/reverse may follow.</summary>
    public void RequestCancel(PosError reason)
    {
        if (Status != OrderStatus.Pending) return;
        CancelRequested = true;
        Version++;
        FailureCode = reason.Code;
        FailureMessage = reason.Message;
    }

    /// <summary>退单 accepted: money is on its way back.</summary>
    public void StartRefund() => Move(OrderStatus.Refunding);

    public void CompleteRefund(DateTimeOffset now)
    {
        Move(OrderStatus.Refunded);
        FinishedAt = now;
    }

    /// <summary>The channel refused the refund: the order is paid as before and may be refunded again.</summary>
    public void RefundRefused() => Move(OrderStatus.Paid);

    private void Move(OrderStatus to)
    {
        if (!OrderStatusMachine.CanMove(Status, to))
            throw new InvalidOperationException($"Order {TradeNo} cannot go from {Status} to {to}.");
        Status = to;
        Version++;
    }

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
