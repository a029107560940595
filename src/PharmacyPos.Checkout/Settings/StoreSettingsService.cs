using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PharmacyPos.Checkout.Mobile;
using PharmacyPos.Data;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Errors;
using PharmacyPos.Domain.Staff;
using PharmacyPos.Domain.Stores;

namespace PharmacyPos.Checkout.Settings;

public sealed class RefundOptions
{
    public const string Section = "Refunds";

    /// <summary>A cashier's refund of this much or more needs a manager's credentials in the 是/否 pop-up (until the store sets its own).</summary>
    public decimal ApprovalThresholdYuan { get; set; } = 100m;
}

/// <summary>The store's thresholds: the manager's own values once set on 设置, the configured defaults until then.</summary>
public sealed class StoreSettingsService(PosDbContext db, IOptions<TerminalOptions> terminal, IOptions<MobilePaymentOptions> mobile,
    IOptions<RefundOptions> refunds, TimeProvider clock)
{
    public static readonly PosError NotAllowed = PosErrors.Forbidden("店长或管理员可以修改设置");

    public async Task<StoreSettings> CurrentAsync(CancellationToken ct = default) =>
        await db.StoreSettings.AsNoTracking().SingleOrDefaultAsync(s => s.StoreId == terminal.Value.StoreId, ct) ?? Defaults();

    public async Task<PosError?> ChangeAsync(Money registrationThreshold, Money refundApprovalThreshold, CancellationToken ct = default)
    {
        if (!db.Actor.May(Permission.ManageSettings)) return NotAllowed;
        var settings = await db.StoreSettings.SingleOrDefaultAsync(s => s.StoreId == terminal.Value.StoreId, ct);
        if (settings is null) db.StoreSettings.Add(settings = Defaults());
        var before = $"登记金额 {settings.RegistrationThreshold}，退款审批金额 {settings.RefundApprovalThreshold}";
        if (settings.Change(registrationThreshold, refundApprovalThreshold, db.Actor.UserName, clock.GetUtcNow()) is { } error)
        {
            db.ChangeTracker.Clear();
            return error;
        }
        db.AddAudit(AuditActions.SettingsChanged, detail: $"{before} → 登记金额 {registrationThreshold}，退款审批金额 {refundApprovalThreshold}");
        await db.SaveChangesAsync(ct);
        return null;
    }

    private StoreSettings Defaults() => StoreSettings.Defaults(terminal.Value.StoreId, mobile.Value.RegistrationThreshold,
        Money.FromYuan(refunds.Value.ApprovalThresholdYuan));
}
