namespace PharmacyPos.Domain.Staff;

/// <summary>Who works the till, who runs the store, who runs the system.</summary>
public enum StaffRole
{
    /// <summary>收银员: sells and refunds; a refund at or above the threshold needs a manager.</summary>
    Cashier = 1,
    /// <summary>店长: everything in the store, approves refunds, owns the catalogue and the store's settings.</summary>
    Manager = 2,
    /// <summary>管理员: as a manager, plus accounts and channel settings.</summary>
    Admin = 3,
    /// <summary>药师 (执业药师): sells as a cashier does, and reviews prescriptions (处方审核).</summary>
    Pharmacist = 4,
}

/// <summary>What a role may do. Pages and API endpoints ask for a permission, never for a role name.</summary>
public enum Permission
{
    /// <summary>收银, 手机支付, 退单 (refunds below the approval threshold).</summary>
    Sell,
    /// <summary>Refund at any amount, and approve a cashier's refund.</summary>
    ApproveRefunds,
    /// <summary>Catalogue import and price edits.</summary>
    ManageCatalogue,
    /// <summary>登记台账, 对账, 审计日志 and their exports.</summary>
    ViewRecords,
    /// <summary>Registration and refund-approval thresholds.</summary>
    ManageSettings,
    /// <summary>Accounts and the channel settings page.</summary>
    Administer,
    /// <summary>日结, cash movements and 交班 differences above the store's settings, another cashier's 交班.</summary>
    ManageCash,
    /// <summary>处方审核: sign off a prescription so its 处方药 may be sold. A licensed pharmacist's alone.</summary>
    ReviewPrescriptions,
    /// <summary>处方登记 and 含麻黄碱药品销售登记 registers (ID numbers masked).</summary>
    ViewRegulatedRecords,
}

public static class StaffRoles
{
    public static string ToChinese(this StaffRole role) => role switch
    {
        StaffRole.Cashier => "收银员",
        StaffRole.Manager => "店长",
        StaffRole.Admin => "管理员",
        StaffRole.Pharmacist => "药师",
        _ => role.ToString(),
    };

    public static bool TryParseChinese(string? text, out StaffRole role)
    {
        foreach (var r in Enum.GetValues<StaffRole>())
        {
            if (r.ToChinese() == text?.Trim()) { role = r; return true; }
        }
        role = default;
        return false;
    }

    public static bool Allows(this StaffRole role, Permission permission) => permission switch
    {
        Permission.Sell => true,
        Permission.ApproveRefunds or Permission.ManageCatalogue or Permission.ViewRecords or Permission.ManageSettings or Permission.ManageCash
            => role is StaffRole.Manager or StaffRole.Admin,
        Permission.Administer => role is StaffRole.Admin,
        Permission.ReviewPrescriptions => role is StaffRole.Pharmacist,
        Permission.ViewRegulatedRecords => role is StaffRole.Pharmacist or StaffRole.Manager or StaffRole.Admin,
        _ => false,
    };

    /// <summary>The roles holding a permission, for the web app's authorization policies.</summary>
    public static IReadOnlyList<StaffRole> Holding(Permission permission) =>
        Enum.GetValues<StaffRole>().Where(r => r.Allows(permission)).ToArray();
}
