using PharmacyPos.Domain.Errors;
using PharmacyPos.Domain.Journal;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Settlement;

namespace PharmacyPos.Domain.Orders;

/// <summary>A sale that has been (or is being) paid, under its 交易号.</summary>
public sealed class Order : IJournaled
{
    private readonly List<OrderLine> _lines = [];
    private readonly List<JournalEvent> _journal = [];

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
            _lines.Add(new OrderLine(lineNo++, l.Drug.Code, l.Drug.Name, l.Drug.Specification, l.Unit,
                l.Drug.NationalCode, l.Drug.WhollySelfPaid, l.UnitPrice, l.Quantity, l.Drug.Manufacturer, l.Batch)
            { StoreId = storeId, IsSplit = l.IsSplit, UnitsPerQuantity = l.UnitsPerQuantity });
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

    /// <summary>Who was signed in at the till when the order was written (account and name); null on orders from before this was kept.</summary>
    public string? Cashier { get; private set; }
    public string? CashierName { get; private set; }

    /// <summary>Set once, as the order is first saved, from the staff on duty at the till.</summary>
    public void WrittenBy(string userName, string displayName)
    {
        if (Cashier is not null) return;
        Cashier = userName;
        CashierName = displayName;
    }

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

    /// <summary>How many times its receipt was printed: from the second print on, the copy says 重打. Counted by the printing side, not by the order's state.</summary>
    public int ReceiptPrints { get; private set; }

    /// <summary>Set when the recovery job, not a till, settled this attempt: the next cashier at the terminal is told.</summary>
    public bool SettledUnattended { get; private set; }

    /// <summary>The 班次 it was written in: set once, as it is first saved, from the shift of the staff at the till.</summary>
    public long? ShiftId { get; private set; }

    public void InShift(long shiftId) => ShiftId ??= shiftId;

    public IReadOnlyList<JournalEvent> UnsavedJournal => _journal;
    public void JournalSaved() => _journal.Clear();

    /// <summary>A mobile (or card) payment: written before the channel is called, so no charge is ever without its order.</summary>
    public static Order StartPayment(TradeNo tradeNo, int storeId, string terminalId, DateTimeOffset now, Sale sale,
        SettlementRoute route, TimeSpan confirmWindow)
    {
        var order = new Order(tradeNo, storeId, terminalId, now, sale, route.Method)
        {
            RouteExplanation = route.Explanation,
            PsnNo = route.Insured?.PsnNo,
            InsuredName = route.Insured?.InsuredName,
            ConfirmDeadline = now + confirmWindow,
        };
        order.Note(now, JournalEvents.OrderWritten,
            $"{order.Total}，{order.Lines.Count} 行，须在 {BeijingTime.Text(order.ConfirmDeadline.Value)} 前确认");
        return order;
    }

    /// <summary>The channel's answer to the payment request, when it settles nothing yet (waiting for the buyer, or unknown).</summary>
    public void RecordAnswer(string call, string answer, DateTimeOffset now)
    {
        if (IsFinal) return;
        Note(now, JournalEvents.PaymentAnswered, $"{call}：{answer}");
    }

    public void MarkPaid(string channelTradeId, DateTimeOffset now)
    {
        Move(OrderStatus.Pending, OrderStatus.Paid, now, JournalEvents.OrderPaid, $"渠道交易号 {channelTradeId}");
        ChannelTradeId = channelTradeId;
        PaidAt = now;
        FinishedAt = now;
    }

    public void MarkFailed(PosError error, DateTimeOffset now)
    {
        Move(OrderStatus.Pending, OrderStatus.Failed, now, JournalEvents.OrderFailed, error.Message);
        FailureCode = error.Code;
        FailureMessage = error.Message;
        FinishedAt = now;
    }

    /// <summary>The 60 s are up or the cashier gave up: from now on only a cancel/reverse may follow.</summary>
    public void RequestCancel(PosError reason, DateTimeOffset now)
    {
        if (Status != OrderStatus.Pending || CancelRequested) return;
        CancelRequested = true;
        Version++;
        FailureCode = reason.Code;
        FailureMessage = reason.Message;
        Note(now, JournalEvents.CancelDecided, reason.Message);
    }

    /// <summary>Recovery, not a till, brought this attempt to its end.</summary>
    public void MarkSettledUnattended() => SettledUnattended = IsFinal;

    /// <summary>The cashier at the terminal has read what recovery did.</summary>
    public void AcknowledgeSettlement()
    {
        if (!SettledUnattended) return;
        SettledUnattended = false;
        Version++;
    }

    /// <summary>退单 accepted: money is on its way back.</summary>
    public void StartRefund(DateTimeOffset now) => Move(OrderStatus.Paid, OrderStatus.Refunding, now, JournalEvents.RefundClaimed, null);

    public void CompleteRefund(DateTimeOffset now)
    {
        Move(OrderStatus.Refunding, OrderStatus.Refunded, now, JournalEvents.OrderRefunded, null);
        FinishedAt = now;
    }

    /// <summary>The channel refused the refund: the order is paid as before and may be refunded again.</summary>
    public void RefundRefused(DateTimeOffset now) => Move(OrderStatus.Refunding, OrderStatus.Paid, now, JournalEvents.RefundReturnedToPaid, null);

    /// <param name="from">Each operation starts from one state: paying a refunding order is a bug even though Refunding → Paid is a legal move for a refused refund.</param>
    private void Move(OrderStatus from, OrderStatus to, DateTimeOffset now, string journalEvent, string? detail)
    {
        if (Status != from || !OrderStatusMachine.CanMove(from, to))
            throw new InvalidOperationException($"Order {TradeNo} cannot go from {Status} to {to}.");
        Status = to;
        Version++;
        Note(now, journalEvent, detail);
    }

    private void Note(DateTimeOffset now, string journalEvent, string? detail) =>
        _journal.Add(new JournalEvent(now, journalEvent, Status.ToString(), detail));

    /// <summary>The line a 补记 order carries: the channel's record has the amount, not the drugs.</summary>
    public const string ReattachedLineCode = "BUJI";

    /// <summary>
    /// 补记: the channel took this payment (its own query says so) but the POS has no order for it —
    /// the database was restored from a backup older than the payment. The order is entered from
    /// the channel's record, paid now (it counts on the day it is entered, as a late settlement
    /// does), with one line that says what it is; it can then be refunded like any other.
    /// </summary>
    public static Order Reattach(TradeNo tradeNo, int storeId, PaymentMethod method, Money amount, string channelTradeId, DateTimeOffset now)
    {
        var order = new Order
        {
            TradeNo = tradeNo, StoreId = storeId, TerminalId = $"T{tradeNo.StoreNo:D4}-{tradeNo.TerminalNo:D2}", CreatedAt = tradeNo.WrittenAt,
            Method = method, Total = amount, Status = OrderStatus.Paid, PaidAt = now, FinishedAt = now, ChannelTradeId = channelTradeId,
            RouteExplanation = "数据恢复后按渠道记录补记（无药品明细）",
        };
        order._lines.Add(new OrderLine(1, ReattachedLineCode, "渠道已扣款（数据恢复后补记，无药品明细）", "", "笔", null, method != PaymentMethod.InsuranceAccount,
            amount, 1) { StoreId = storeId });
        order.Note(now, JournalEvents.OrderReattached, $"渠道交易号 {channelTradeId}，{amount}");
        return order;
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
        order.Note(now, JournalEvents.PaidInCash, $"实收 {tender.Received}，找零 {tender.Change}");
        return order;
    }
}
