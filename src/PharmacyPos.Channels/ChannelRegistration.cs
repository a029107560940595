using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PharmacyPos.Channels.Alipay;
using PharmacyPos.Channels.Insurance;
using PharmacyPos.Channels.WeChatPay;

namespace PharmacyPos.Channels;

public static class ChannelRegistration
{
    /// <summary>
    /// The three clients, each configured from its section (Channels:Alipay, Channels:WeChatPay,
    /// Channels:Insurance). Pointing them at the real gateways is configuration only.
    /// </summary>
    public static IServiceCollection AddPaymentChannels(this IServiceCollection services, IConfiguration configuration)
    {
        // Checked at start-up, after the embedded sandbox has filled in its own addresses and keys.
        services.AddOptions<AlipayOptions>().Bind(configuration.GetSection(AlipayOptions.Section))
            .Validate(o => IsHttpUrl(o.GatewayUrl), "设置 Channels:Alipay:GatewayUrl（支付宝网关地址）须为 http(s) 地址。")
            .Validate(o => o.AppId.Length > 0 && o.AppPrivateKey.Length > 0 && o.AlipayPublicKey.Length > 0,
                "设置 Channels:Alipay:AppId、AppPrivateKey、AlipayPublicKey（支付宝应用与密钥）不能为空。")
            .Validate(o => IsTimeout(o.Timeout), "设置 Channels:Alipay:Timeout 须在 1 秒到 2 分钟之间。")
            .ValidateOnStart();
        services.AddOptions<WeChatPayOptions>().Bind(configuration.GetSection(WeChatPayOptions.Section))
            .Validate(o => IsHttpUrl(o.BaseUrl), "设置 Channels:WeChatPay:BaseUrl（微信支付地址）须为 http(s) 地址。")
            .Validate(o => o.AppId.Length > 0 && o.MchId.Length > 0 && o.ApiKey.Length > 0, "设置 Channels:WeChatPay:AppId、MchId、ApiKey（微信商户与密钥）不能为空。")
            .Validate(o => o.SignType is WeChatSignature.HmacSha256 or WeChatSignature.Md5, "设置 Channels:WeChatPay:SignType 只能是 HMAC-SHA256 或 MD5。")
            .Validate(o => string.IsNullOrEmpty(o.ClientCertificatePath) || File.Exists(o.ClientCertificatePath),
                "设置 Channels:WeChatPay:ClientCertificatePath（商户 API 证书）指向的文件不存在。")
            .Validate(o => string.IsNullOrEmpty(o.GatewayCertificatePath) || File.Exists(o.GatewayCertificatePath),
                "设置 Channels:WeChatPay:GatewayCertificatePath（网关证书）指向的文件不存在。")
            .Validate(o => o.SecureBaseUrl.Length == 0 || IsHttpUrl(o.SecureBaseUrl), "设置 Channels:WeChatPay:SecureBaseUrl 须为 http(s) 地址。")
            .Validate(o => IsTimeout(o.Timeout), "设置 Channels:WeChatPay:Timeout 须在 1 秒到 2 分钟之间。")
            .ValidateOnStart();
        services.AddOptions<InsuranceOptions>().Bind(configuration.GetSection(InsuranceOptions.Section))
            .Validate(o => IsHttpUrl(o.BaseUrl), "设置 Channels:Insurance:BaseUrl（医保平台地址）须为 http(s) 地址。")
            .Validate(o => o.FixmedinsCode.Length > 0, "设置 Channels:Insurance:FixmedinsCode（定点医药机构编号）不能为空。")
            .Validate(o => IsTimeout(o.Timeout), "设置 Channels:Insurance:Timeout 须在 1 秒到 2 分钟之间。")
            .ValidateOnStart();

        // Singletons: the Alipay keys are parsed once, the insurance sign-in (sign_no) is kept for the day.
        services.AddHttpClient(nameof(AlipayClient));
        services.AddHttpClient(nameof(InsuranceClient));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<AlipayClient>(sp,
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(AlipayClient))));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<InsuranceClient>(sp,
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(InsuranceClient))));
        services.AddHttpClient(WeChatPayClient.HttpClientName);
        // /secapi/ (reverse, refund) authenticates the merchant by its apiclient certificate.
        services.AddHttpClient(WeChatPayClient.SecureHttpClientName).ConfigurePrimaryHttpMessageHandler(sp =>
            WeChatPayClient.SecureHandler(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<WeChatPayOptions>>().Value));
        services.AddSingleton<WeChatPayClient>();
        services.AddSingleton<IPaymentChannel>(sp => sp.GetRequiredService<AlipayClient>());
        services.AddSingleton<IPaymentChannel>(sp => sp.GetRequiredService<WeChatPayClient>());
        services.AddSingleton<IPaymentChannel>(sp => sp.GetRequiredService<InsuranceClient>());
        services.AddSingleton<Bills.IChannelBill>(sp => sp.GetRequiredService<AlipayClient>());
        services.AddSingleton<Bills.IChannelBill>(sp => sp.GetRequiredService<WeChatPayClient>());
        services.AddSingleton<IInsurancePlatform>(sp => sp.GetRequiredService<InsuranceClient>());
        return services;
    }

    private static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static bool IsTimeout(TimeSpan timeout) => timeout >= TimeSpan.FromSeconds(1) && timeout <= TimeSpan.FromMinutes(2);
}
