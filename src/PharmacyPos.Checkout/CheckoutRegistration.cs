using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PharmacyPos.Checkout.Mobile;
using PharmacyPos.Checkout.Recovery;
using PharmacyPos.Checkout.Refunds;
using PharmacyPos.Checkout.Settings;

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
            .Validate(o => o.ConfirmWindowSeconds is >= 1 and <= 600, "设置 MobilePayment:ConfirmWindowSeconds（顾客确认支付的秒数，操作指南规定 60）须在 1 到 600 之间。")
            .Validate(o => o.PollIntervalSeconds is >= 1 and <= 60, "设置 MobilePayment:PollIntervalSeconds（查询间隔秒数）须在 1 到 60 之间。")
            .Validate(o => o.SlowChannelSeconds is >= 1 and <= 60, "设置 MobilePayment:SlowChannelSeconds 须在 1 到 60 之间。")
            .Validate(o => o.LeaveAfterCancelSeconds is >= 0 and <= 600, "设置 MobilePayment:LeaveAfterCancelSeconds 须在 0 到 600 之间。")
            .Validate(o => o.RegistrationThresholdYuan is > 0 and <= 1_000_000, "设置 MobilePayment:RegistrationThresholdYuan（登记金额）须大于 0 元且不超过 1,000,000 元。")
            .ValidateOnStart();
        services.AddOptions<RecoveryOptions>().Bind(configuration.GetSection(RecoveryOptions.Section))
            .Validate(o => o.IntervalSeconds is >= 0.1 and <= 3600, "设置 Recovery:IntervalSeconds 须在 0.1 到 3600 之间。")
            .Validate(o => o.GraceSeconds is >= 0 and <= 3600, "设置 Recovery:GraceSeconds 须在 0 到 3600 之间。")
            .ValidateOnStart();
        services.AddOptions<StoreOptions>().Bind(configuration.GetSection(StoreOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.Name) && o.Name.Length <= Domain.Stores.StoreSettings.NameMax,
                "设置 Store:Name（药店名称，小票抬头）不能为空，且不超过 40 个字。")
            .ValidateOnStart();
        services.AddOptions<RefundOptions>().Bind(configuration.GetSection(RefundOptions.Section))
            .Validate(o => o.ApprovalThresholdYuan is >= 0 and <= 1_000_000, "设置 Refunds:ApprovalThresholdYuan（退款审批金额）须在 0 到 1,000,000 元之间。")
            .ValidateOnStart();

        services.AddScoped<TradeNos>();
        services.AddScoped<CashCheckout>();
        services.AddSingleton<PaymentChannels>();
        services.AddScoped<MobileCheckout>();
        services.AddScoped<RefundSearch>();
        services.AddScoped<RefundCheckout>();
        services.AddSingleton<PaymentRecovery>();
        services.AddScoped<TerminalSignIn>();
        services.AddScoped<UnattendedSettlements>();
        services.AddScoped<Reconciliation.DailyReconciliation>();
        services.AddScoped<StoreSettingsService>();
        return services;
    }

    /// <summary>The store and till this POS is (the console's commands need it too).</summary>
    public static IServiceCollection AddTerminal(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TerminalOptions>().Bind(configuration.GetSection(TerminalOptions.Section))
            .Validate(o => o.StoreId >= 1, "设置 Terminal:StoreId（门店）须为正整数。")
            .Validate(o => o.StoreNo is >= 0 and <= 9999, "设置 Terminal:StoreNo（交易号中的 4 位门店号）须在 0 到 9999 之间。")
            .Validate(o => o.TerminalNo is >= 0 and <= 99, "设置 Terminal:TerminalNo（交易号中的 2 位终端号）须在 0 到 99 之间。")
            .ValidateOnStart();
        return services;
    }
}
