using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PharmacyPos.Checkout.Mobile;
using PharmacyPos.Checkout.Recovery;
using PharmacyPos.Checkout.Refunds;
using PharmacyPos.Checkout.Settings;
using PharmacyPos.Data;

namespace PharmacyPos.Checkout;

public static class CheckoutRegistration
{
    /// <summary>
    /// Which till this is, and the use cases a till runs: cash, mobile and card payment, refunds,
    /// recovery, reconciliation, the store's settings. Each section is checked at start-up: a
    /// setting out of range stops the POS with a message naming it, not a wrong sale later.
    /// </summary>
    public static IServiceCollection AddCheckout(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTerminal(configuration);
        services.AddOptions<MobilePaymentOptions>().Bind(configuration.GetSection(MobilePaymentOptions.Section))
            .InRange(o => o.ConfirmWindowSeconds, 1, 600, "MobilePayment:ConfirmWindowSeconds", "顾客确认支付的秒数，操作指南规定 60")
            .InRange(o => o.PollIntervalSeconds, 1, 60, "MobilePayment:PollIntervalSeconds", "查询间隔秒数")
            .InRange(o => o.SlowChannelSeconds, 1, 60, "MobilePayment:SlowChannelSeconds")
            .InRange(o => o.LeaveAfterCancelSeconds, 0, 600, "MobilePayment:LeaveAfterCancelSeconds")
            .InRange(o => o.PaymentCodeLifetimeSeconds, 10, 600, "MobilePayment:PaymentCodeLifetimeSeconds", "付款码有效秒数")
            .AboveAndAtMost(o => (double)o.RegistrationThresholdYuan, 0, 1_000_000, "MobilePayment:RegistrationThresholdYuan", "登记金额", "元")
            .ValidateOnStart();
        services.AddOptions<RecoveryOptions>().Bind(configuration.GetSection(RecoveryOptions.Section))
            .InRange(o => o.IntervalSeconds, 0.1, 3600, "Recovery:IntervalSeconds")
            .InRange(o => o.GraceSeconds, 0, 3600, "Recovery:GraceSeconds")
            .ValidateOnStart();
        services.AddOptions<StoreOptions>().Bind(configuration.GetSection(StoreOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.Name) && o.Name.Length <= Domain.Stores.StoreSettings.NameMax,
                $"设置 Store:Name（药店名称，小票抬头）不能为空，且不超过 {Domain.Stores.StoreSettings.NameMax} 个字。")
            .ValidateOnStart();
        services.AddOptions<Printing.PrinterOptions>().Bind(configuration.GetSection(Printing.PrinterOptions.Section))
            .Validate(o => o.PaperWidthMm is 58 or 80, "设置 Printer:PaperWidthMm（小票纸宽）须为 58 或 80。")
            .InRange(o => o.TimeoutSeconds, 0.5, 30, "Printer:TimeoutSeconds", "打印机超时秒数")
            .ValidateOnStart();
        services.AddOptions<RefundOptions>().Bind(configuration.GetSection(RefundOptions.Section))
            .InRange(o => (double)o.ApprovalThresholdYuan, 0, 1_000_000, "Refunds:ApprovalThresholdYuan", "退款审批金额", "元")
            .ValidateOnStart();

        services.AddScoped<TradeNos>();
        services.AddScoped<CashCheckout>();
        services.AddScoped<PaymentGate>();
        services.AddScoped<Regulated.RegulatedChecks>();
        services.AddSingleton<PaymentChannels>();
        services.AddScoped<MobileCheckout>();
        services.AddScoped<RefundSearch>();
        services.AddScoped<Orders.OrderRecords>();
        services.AddScoped<RefundCheckout>();
        services.AddSingleton<PaymentRecovery>();
        services.AddScoped<TerminalSignIn>();
        services.AddScoped<UnattendedSettlements>();
        services.AddScoped<Reconciliation.DailyReconciliation>();
        services.AddScoped<Reconciliation.Reattachment>();
        services.AddScoped<StoreSettingsService>();
        services.AddScoped<Stock.TillStock>();
        services.AddScoped<Printing.ReceiptPrinter>();
        services.AddScoped<Sales.ParkedSales>();
        services.AddScoped<Shifts.TillShifts>();
        services.AddScoped<Shifts.DayCloses>();
        return services;
    }

    /// <summary>The store and till this POS is (the console's commands need it too).</summary>
    public static IServiceCollection AddTerminal(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TerminalOptions>().Bind(configuration.GetSection(TerminalOptions.Section))
            .Validate(o => o.StoreId >= 1, "设置 Terminal:StoreId（门店）须为正整数。")
            .InRange(o => o.StoreNo, 0, 9999, "Terminal:StoreNo", "交易号中的 4 位门店号")
            .InRange(o => o.TerminalNo, 0, 99, "Terminal:TerminalNo", "交易号中的 2 位终端号")
            .ValidateOnStart();
        return services;
    }
}
