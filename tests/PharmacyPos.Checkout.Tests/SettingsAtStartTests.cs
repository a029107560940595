using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PharmacyPos.Checkout.Mobile;
using PharmacyPos.Checkout.Settings;

namespace PharmacyPos.Checkout.Tests;

/// <summary>A setting out of range stops the start with a Chinese message naming it and its bounds.</summary>
public class SettingsAtStartTests
{
    private static IServiceProvider With(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
        return new ServiceCollection().AddCheckout(configuration).BuildServiceProvider();
    }

    [Theory]
    [InlineData("MobilePayment:ConfirmWindowSeconds", "0", "设置 MobilePayment:ConfirmWindowSeconds（顾客确认支付的秒数，操作指南规定 60）须在 1 到 600 之间。")]
    [InlineData("MobilePayment:RegistrationThresholdYuan", "0", "设置 MobilePayment:RegistrationThresholdYuan（登记金额）须大于 0 元且不超过 1,000,000 元。")]
    [InlineData("MobilePayment:PollIntervalSeconds", "61", "设置 MobilePayment:PollIntervalSeconds（查询间隔秒数）须在 1 到 60 之间。")]
    public void A_mobile_setting_out_of_range_is_named_with_its_bounds(string key, string value, string message)
    {
        var provider = With((key, value));

        var refused = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<MobilePaymentOptions>>().Value);

        Assert.Contains(message, refused.Failures);
    }

    [Fact]
    public void A_store_name_longer_than_a_receipt_takes_is_refused_with_the_same_limit_the_settings_page_applies()
    {
        var provider = With(("Store:Name", new string('药', Domain.Stores.StoreSettings.NameMax + 1)));

        var refused = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<StoreOptions>>().Value);

        Assert.Contains($"不超过 {Domain.Stores.StoreSettings.NameMax} 个字", Assert.Single(refused.Failures));
    }

    [Fact]
    public void Settings_within_their_ranges_start()
    {
        var provider = With(("MobilePayment:ConfirmWindowSeconds", "60"), ("Refunds:ApprovalThresholdYuan", "0"), ("Terminal:TerminalNo", "99"));

        Assert.Equal(60, provider.GetRequiredService<IOptions<MobilePaymentOptions>>().Value.ConfirmWindowSeconds);
        Assert.Equal(0m, provider.GetRequiredService<IOptions<RefundOptions>>().Value.ApprovalThresholdYuan);
    }
}
