using PharmacyPos.Domain.Errors;
using PharmacyPos.Domain.Staff;

namespace PharmacyPos.Domain.Refunds;

/// <summary>
/// 回退 at or above the store's threshold needs a manager: a cashier's refund is approved in the
/// 是/否 pop-up by a manager's (or administrator's) own credentials. Below it, anyone at the till may refund.
/// </summary>
public static class RefundApproval
{
    public static bool IsRequired(Money amount, Actor refundedBy, Money threshold) =>
        !refundedBy.May(Permission.ApproveRefunds) && amount >= threshold;

    /// <summary>The approver must hold the permission and must not be the one asking.</summary>
    public static PosError? CheckApprover(Actor approver, Actor refundedBy)
    {
        if (!approver.May(Permission.ApproveRefunds)) return NotAManager;
        if (approver.UserName == refundedBy.UserName) return new PosError("REFUND_SELF_APPROVAL", "不能批准自己的退款。", ErrorKind.Forbidden);
        return null;
    }

    public static PosError Required(Money amount, Money threshold) =>
        new("REFUND_APPROVAL_REQUIRED", $"退款金额 {amount} 达到 {threshold}，须店长输入账号和密码批准。", ErrorKind.Forbidden);

    public static readonly PosError NotAManager = new("REFUND_APPROVER_NOT_MANAGER", "批准人须为店长或管理员。", ErrorKind.Forbidden);
    public static readonly PosError WrongCredentials = new("REFUND_APPROVER_INVALID", "店长账号或密码不正确，退款未批准。", ErrorKind.Forbidden);
}
