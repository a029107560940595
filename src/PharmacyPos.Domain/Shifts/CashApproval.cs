using PharmacyPos.Domain.Errors;
using PharmacyPos.Domain.Staff;

namespace PharmacyPos.Domain.Shifts;

/// <summary>
/// Cash the drawer gains or loses outside a sale, and a 交班 difference, above the store's setting
/// need a manager's own credentials at the till — never the one asking's.
/// </summary>
public static class CashApproval
{
    public static bool IsRequired(Money amount, Actor by, Money threshold) =>
        !by.May(Permission.ManageCash) && amount > threshold;

    public static PosError? CheckApprover(Actor approver, Actor asking)
    {
        if (!approver.May(Permission.ManageCash)) return new PosError("CASH_APPROVER_NOT_MANAGER", "批准人须为店长或管理员。", ErrorKind.Forbidden);
        if (approver.UserName == asking.UserName) return new PosError("CASH_SELF_APPROVAL", "不能批准自己的现金操作。", ErrorKind.Forbidden);
        return null;
    }

    public static readonly PosError WrongCredentials = new("CASH_APPROVER_INVALID", "店长账号或密码不正确，未批准。", ErrorKind.Forbidden);

    public static PosError Required(string what, Money amount, Money threshold) =>
        new("MANAGER_APPROVAL_REQUIRED", $"{what} {amount} 超过 {threshold}，须店长输入账号和密码批准。", ErrorKind.Forbidden);
}
