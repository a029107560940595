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

/// <summary>The store as configured, until its manager names it on 设置.</summary>
public sealed class StoreOptions
{
    public const string Section = "Store";

    /// <summary>The receipt's heading until the manager sets the store's own name.</summary>
    public string Name { get; set; } = "演示大药房";

    /// <summary>缺货 refuses the line until the manager chooses 仅提示 on 设置 (a load test or a store without stock records sets false).</summary>
    public bool RefuseOutOfStock { get; set; } = true;
}

public sealed class RefundOptions
{
    public const string Section = "Refunds";

    /// <summary>A cashier's refund of this much or more needs a manager's credentials in the 是/否 pop-up (until the store sets its own).</summary>
    public decimal ApprovalThresholdYuan { get; set; } = 100m;
}

/// <summary>The store's thresholds: the manager's own values once set on 设置, the configured defaults until then.</summary>
public sealed class StoreSettingsService(PosDbContext db, IOptions<TerminalOptions> terminal, IOptions<MobilePaymentOptions> mobile,
    IOptions<RefundOptions> refunds, IOptions<StoreOptions> store, TimeProvider clock)
{
    public static readonly PosError NotAllowed = PosErrors.Forbidden("店长或管理员可以修改设置");

    /// <summary>Read on every scan and payment: compiled once (bench §8).</summary>
    private static readonly CompiledQuery<Func<PosDbContext, int, CancellationToken, Task<StoreSettings?>>> Saved = new(() =>
        EF.CompileAsyncQuery((PosDbContext db, int storeId, CancellationToken ct) => db.StoreSettings.AsNoTracking().SingleOrDefault(s => s.StoreId == storeId)));

    /// <summary>
    /// The settings as of this unit of work's first read: one request (a scan, a payment) asks the
    /// store's rules several times — stock, the check before paying, registration — and reads them once.
    /// </summary>
    public async Task<StoreSettings> CurrentAsync(CancellationToken ct = default) =>
        _read ??= await Saved.For(db)(db, terminal.Value.StoreId, ct) ?? Defaults();

    private StoreSettings? _read;

    public Task<PosError?> ChangeAsync(Money registrationThreshold, Money refundApprovalThreshold, CancellationToken ct = default) =>
        EditAsync(
            s => $"登记金额 {s.RegistrationThreshold}，退款审批金额 {s.RefundApprovalThreshold}",
            (s, by, at) => s.Change(registrationThreshold, refundApprovalThreshold, by, at),
            (before, s) => $"{before} → 登记金额 {s.RegistrationThreshold}，退款审批金额 {s.RefundApprovalThreshold}", ct);

    /// <summary>The store's name, address and phone as its receipts print them; a store never named has the configured name.</summary>
    public async Task<(string Name, string Address, string Phone)> HeadingAsync(CancellationToken ct = default)
    {
        var current = await CurrentAsync(ct);
        return (current.Name.Length > 0 ? current.Name : store.Value.Name, current.Address, current.Phone);
    }

    /// <summary>药店名称、地址、电话: the heading of every receipt from now on.</summary>
    public Task<PosError?> RenameAsync(string? name, string? address, string? phone, CancellationToken ct = default) =>
        EditAsync(
            s => $"{s.Name}，{s.Address}，{s.Phone}",
            (s, by, at) => s.Rename(name, address, phone, by, at),
            (before, s) => $"药店信息 {before} → {s.Name}，{s.Address}，{s.Phone}", ct);

    /// <summary>Whether a successful payment prints its receipt by itself.</summary>
    public Task<PosError?> PrintWhenPaidAsync(bool on, CancellationToken ct = default) =>
        EditAsync(
            s => s.PrintReceiptWhenPaid ? "支付成功后自动打印小票" : "不自动打印小票",
            (s, by, at) => { s.PrintWhenPaid(on, by, at); return null; },
            (before, s) => $"{before} → {(s.PrintReceiptWhenPaid ? "支付成功后自动打印小票" : "不自动打印小票")}", ct);

    /// <summary>近效期: how many days before 有效期至 a batch is watched.</summary>
    public Task<PosError?> WatchExpiryAsync(int days, CancellationToken ct = default) =>
        EditAsync(
            s => $"近效期 {s.NearExpiryDays} 天",
            (s, by, at) => s.WatchExpiry(days, by, at),
            (before, s) => $"{before} → 近效期 {s.NearExpiryDays} 天", ct);

    /// <summary>缺货: whether a line the batches cannot cover is refused or only warned about.</summary>
    public Task<PosError?> OutOfStockRuleAsync(bool refuse, CancellationToken ct = default) =>
        EditAsync(
            s => OutOfStockText(s.RefuseOutOfStock),
            (s, by, at) => { s.OutOfStockRule(refuse, by, at); return null; },
            (before, s) => $"{before} → {OutOfStockText(s.RefuseOutOfStock)}", ct);

    /// <summary>现金管理: above which 取款/备用金补充 and which 交班 difference a manager must approve.</summary>
    public Task<PosError?> CashControlAsync(Money movementApproval, Money differenceApproval, CancellationToken ct = default) =>
        EditAsync(
            s => $"取款审批金额 {s.CashMovementApprovalThreshold}，交班差额审批金额 {s.ShiftDifferenceApprovalThreshold}",
            (s, by, at) => s.CashControl(movementApproval, differenceApproval, by, at),
            (before, s) => $"{before} → 取款审批金额 {s.CashMovementApprovalThreshold}，交班差额审批金额 {s.ShiftDifferenceApprovalThreshold}", ct);

    /// <summary>含麻黄碱: packages per purchase and days before the same ID may buy again.</summary>
    public Task<PosError?> EphedrineRulesAsync(int limit, int repeatDays, CancellationToken ct = default) =>
        EditAsync(
            EphedrineText,
            (s, by, at) => s.EphedrineRules(limit, repeatDays, by, at),
            (before, s) => $"{before} → {EphedrineText(s)}", ct);

    private static string EphedrineText(StoreSettings s) =>
        $"含麻黄碱每次限购 {s.EphedrineLimit} 个最小包装，{(s.EphedrineRepeatDays == 0 ? "不限制再次购买" : $"{s.EphedrineRepeatDays} 天内同一身份证不得再次购买")}";

    private static string OutOfStockText(bool refuse) => refuse ? "缺货时拒绝录入" : "缺货时仅提示";

    /// <summary>
    /// One change of the store's settings: only a manager, the store's row created from the defaults on
    /// its first change, the domain's refusal leaves nothing behind, and the 审计日志 shows before → after.
    /// </summary>
    private async Task<PosError?> EditAsync(Func<StoreSettings, string> describe,
        Func<StoreSettings, string, DateTimeOffset, PosError?> change, Func<string, StoreSettings, string> audit, CancellationToken ct)
    {
        if (!db.Actor.May(Permission.ManageSettings)) return NotAllowed;
        var settings = await db.StoreSettings.SingleOrDefaultAsync(s => s.StoreId == terminal.Value.StoreId, ct);
        if (settings is null) db.StoreSettings.Add(settings = Defaults());
        var before = describe(settings);
        if (change(settings, db.Actor.UserName, clock.GetUtcNow()) is { } error)
        {
            db.ChangeTracker.Clear();
            return error;
        }
        db.AddAudit(AuditActions.SettingsChanged, detail: audit(before, settings));
        await db.SaveChangesAsync(ct);
        _read = null;
        return null;
    }

    private StoreSettings Defaults() => StoreSettings.Defaults(terminal.Value.StoreId, mobile.Value.RegistrationThreshold,
        Money.FromYuan(refunds.Value.ApprovalThresholdYuan), store.Value.Name, store.Value.RefuseOutOfStock);
}
