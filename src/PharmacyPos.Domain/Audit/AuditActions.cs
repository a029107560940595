using PharmacyPos.Domain.Journal;

namespace PharmacyPos.Domain.Audit;

/// <summary>The audit log's action codes, and the Chinese the 审计日志 page shows for them.</summary>
public static class AuditActions
{
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in.failed";
    public const string SignInLocked = "sign-in.locked";
    public const string SignOut = "sign-out";
    public const string PasswordChanged = "password.changed";
    public const string PasswordChangeRefused = "password.change-refused";
    public const string PasswordResetAtConsole = "password.reset-console";
    public const string AccountCreated = "account.created";
    public const string AccountReset = "account.password-reset";
    public const string AccountDisabled = "account.disabled";
    public const string AccountEnabled = "account.enabled";
    public const string CashSale = "sale.cash";
    public const string PaymentStarted = "payment.started";
    public const string PaymentCancelled = "payment.cancel";
    public const string PaymentPaid = "payment.paid";
    public const string PaymentFailed = "payment.failed";
    public const string RefundRequested = "refund.requested";
    public const string RefundRetried = "refund.retried";
    public const string RefundCompleted = "refund.completed";
    public const string RefundFailed = "refund.failed";
    public const string RefundApprovalRefused = "refund.approval-refused";
    public const string Registration = "registration";
    public const string RegistrationsExported = "registrations.exported";
    public const string PriceChanged = "price.changed";
    public const string CatalogueImported = "catalogue.imported";
    public const string SettingsChanged = "settings.changed";
    public const string StockReceived = "stock.received";
    public const string StockCounted = "stock.counted";
    public const string SalesRecordExported = "sales-record.exported";
    public const string ShiftOpened = "shift.opened";
    public const string FloatDeclared = "shift.float";
    public const string CashMoved = "shift.cash-movement";
    public const string CashApprovalRefused = "shift.approval-refused";
    public const string ShiftHandedOver = "shift.handed-over";
    public const string DayClosed = "day.closed";
    public const string PaymentReattached = "payment.reattached";
    public const string PrescriptionReviewed = "prescription.reviewed";
    public const string PrescriptionReviewRefused = "prescription.review-refused";
    public const string RegulatedRegisterExported = "regulated.exported";

    private static readonly Dictionary<string, string> Chinese = new()
    {
        [PrescriptionReviewed] = "处方审核",
        [PrescriptionReviewRefused] = "处方审核被拒",
        [RegulatedRegisterExported] = "导出特殊药品登记",
        [SignIn] = "登录",
        [SignInFailed] = "登录失败",
        [SignInLocked] = "账号锁定",
        [SignOut] = "退出登录",
        [PasswordChanged] = "修改密码",
        [PasswordChangeRefused] = "修改密码被拒",
        [PasswordResetAtConsole] = "本机重置密码",
        [AccountCreated] = "新建账号",
        [AccountReset] = "重置密码",
        [AccountDisabled] = "停用账号",
        [AccountEnabled] = "启用账号",
        [CashSale] = "现金收款",
        [PaymentStarted] = "发起支付",
        [PaymentCancelled] = "撤销支付",
        [PaymentPaid] = "支付成功",
        [PaymentFailed] = "支付失败",
        [RefundRequested] = "发起退款",
        [RefundRetried] = "重新退款",
        [RefundCompleted] = "退款成功",
        [RefundFailed] = "退款失败",
        [RefundApprovalRefused] = "退款批准失败",
        [ShiftOpened] = "开班",
        [FloatDeclared] = "登记备用金",
        [CashMoved] = "取款/备用金补充",
        [CashApprovalRefused] = "现金批准失败",
        [ShiftHandedOver] = "交班",
        [DayClosed] = "日结",
        [PaymentReattached] = "补记订单",
        [Registration] = "购药登记",
        [RegistrationsExported] = "导出登记台账",
        [PriceChanged] = "修改价格",
        [CatalogueImported] = "导入药品目录",
        [SettingsChanged] = "修改设置",
        [StockReceived] = "药品入库",
        [StockCounted] = "盘点调整",
        [SalesRecordExported] = "导出销售记录",
    };

    public static string ToChinese(string action) => Chinese.GetValueOrDefault(action, action);

    public static IEnumerable<KeyValuePair<string, string>> All => Chinese;

    /// <summary>
    /// The payment journal's events that a person answers for. The rest (answers, "sent") are
    /// the machine's business and stay in the journal.
    /// </summary>
    public static string? ForJournal(string journalEvent) => journalEvent switch
    {
        JournalEvents.PaidInCash => CashSale,
        JournalEvents.OrderWritten => PaymentStarted,
        JournalEvents.CancelDecided => PaymentCancelled,
        JournalEvents.OrderPaid => PaymentPaid,
        JournalEvents.OrderFailed => PaymentFailed,
        JournalEvents.OrderReattached => PaymentReattached,
        JournalEvents.RefundRequested => RefundRequested,
        JournalEvents.RefundRetried => RefundRetried,
        JournalEvents.RefundCompleted => RefundCompleted,
        JournalEvents.RefundFailed => RefundFailed,
        _ => null,
    };
}
