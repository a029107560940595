using PharmacyPos.Domain.Staff;

namespace PharmacyPos.Domain.Audit;

/// <summary>
/// One line of the audit log: who did what, at which terminal, when, to which 交易号, for how
/// much. Only ever added: the store refuses to change or delete one.
/// </summary>
public sealed class AuditEntry
{
    private AuditEntry() { }

    public long Id { get; private set; }
    public int StoreId { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string Terminal { get; private set; } = "";
    public string UserName { get; private set; } = "";
    public string DisplayName { get; private set; } = "";
    /// <summary>收银员 / 店长 / 管理员, or empty for the system.</summary>
    public string Role { get; private set; } = "";
    /// <summary>A stable code from <see cref="AuditActions"/>, e.g. <c>refund.requested</c>.</summary>
    public string Action { get; private set; } = "";
    public string? TradeNo { get; private set; }
    public Money? Amount { get; private set; }
    /// <summary>The manager who approved, for refunds that needed one.</summary>
    public string? Approver { get; private set; }
    /// <summary>Anything else worth reading later; never a full ID number (masked before it gets here).</summary>
    public string? Detail { get; private set; }

    public string ActionText => AuditActions.ToChinese(Action);

    public static AuditEntry Record(int storeId, string terminal, Actor actor, DateTimeOffset at, string action,
        string? tradeNo = null, Money? amount = null, string? detail = null, string? approver = null) => new()
    {
        StoreId = storeId,
        At = at,
        Terminal = terminal,
        UserName = actor.UserName,
        DisplayName = actor.DisplayName,
        Role = actor.Role?.ToChinese() ?? "",
        Action = action,
        TradeNo = tradeNo,
        Amount = amount,
        Approver = approver,
        Detail = detail is { Length: > 300 } d ? d[..300] : detail,
    };
}
