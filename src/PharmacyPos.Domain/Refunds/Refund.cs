using PharmacyPos.Domain.Journal;
using PharmacyPos.Domain.Orders;

namespace PharmacyPos.Domain.Refunds;

public enum RefundStatus
{
    /// <summary>Written before the channel is asked; outcome not known yet.</summary>
    Requested = 1,
    Refunded = 2,
    Failed = 3,
}

/// <summary>
/// 退单 of one order. Its refund number is fixed when it is written and is the channel's
/// idempotency key: every retry and every query uses the same number, so money can only go
/// back once.
/// </summary>
public sealed class Refund : IJournaled
{
    private readonly List<JournalEvent> _journal = [];

    private Refund() { }

    public long Id { get; private set; }
    public long OrderId { get; private set; }
    public TradeNo TradeNo { get; private set; }
    public int StoreId { get; private set; }
    public string RefundNo { get; private set; } = "";
    public PaymentMethod Method { get; private set; }
    public Money Amount { get; private set; }
    public RefundStatus Status { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    public string? FailureMessage { get; private set; }
    public int Attempts { get; private set; }
    /// <summary>The manager who approved it in the 是/否 pop-up (user name), when the amount needed one.</summary>
    public string? ApprovedBy { get; private set; }

    /// <summary>The one refund number an order can have: its 交易号 and R1.</summary>
    public static string NumberFor(TradeNo tradeNo) => tradeNo.Value + "R1";

    /// <summary>The 班次 it was written in: set once, as it is first saved, from the shift of the staff at the till.</summary>
    public long? ShiftId { get; private set; }

    public void InShift(long shiftId) => ShiftId ??= shiftId;

    public IReadOnlyList<JournalEvent> UnsavedJournal => _journal;
    public void JournalSaved() => _journal.Clear();

    public static Refund For(Order order, DateTimeOffset now, string? approvedBy = null)
    {
        var refund = new Refund
        {
            OrderId = order.Id,
            TradeNo = order.TradeNo,
            StoreId = order.StoreId,
            RefundNo = NumberFor(order.TradeNo),
            Method = order.Method,
            Amount = order.Total,
            Status = RefundStatus.Requested,
            RequestedAt = now,
            ApprovedBy = approvedBy,
        };
        refund.Note(now, JournalEvents.RefundRequested, $"退款单号 {refund.RefundNo}，{refund.Amount}" + (approvedBy is null ? "" : $"，批准人 {approvedBy}"));
        return refund;
    }

    /// <summary>About to go to the channel: journalled first, so a crash right after is known to have maybe sent it.</summary>
    public void Sent(DateTimeOffset now)
    {
        Attempts++;
        Note(now, JournalEvents.RefundSent, $"第 {Attempts} 次发送");
    }

    public void Complete(DateTimeOffset now)
    {
        Move(RefundStatus.Refunded, now, JournalEvents.RefundCompleted, null);
        FinishedAt = now;
        FailureMessage = null;
    }

    public void Fail(string reason, DateTimeOffset now)
    {
        Move(RefundStatus.Failed, now, JournalEvents.RefundFailed, reason);
        FinishedAt = now;
        FailureMessage = reason;
    }

    /// <summary>A failed refund tried again: the same number, so it can never be applied twice.</summary>
    public void Retry(DateTimeOffset now, string? approvedBy = null)
    {
        ApprovedBy = approvedBy;
        Move(RefundStatus.Requested, now, JournalEvents.RefundRetried, $"退款单号 {RefundNo}" + (approvedBy is null ? "" : $"，批准人 {approvedBy}"));
        FinishedAt = null;
    }

    private void Move(RefundStatus to, DateTimeOffset now, string journalEvent, string? detail)
    {
        if (!RefundStatusMachine.CanMove(Status, to))
            throw new InvalidOperationException($"Refund {RefundNo} cannot go from {Status} to {to}.");
        Status = to;
        Note(now, journalEvent, detail);
    }

    private void Note(DateTimeOffset now, string journalEvent, string? detail) =>
        _journal.Add(new JournalEvent(now, journalEvent, Status.ToString(), detail));
}
