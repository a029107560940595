using System.Security.Cryptography.X509Certificates;
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
        services.AddOptions<AlipayOptions>().Bind(configuration.GetSection(AlipayOptions.Section));
        services.AddOptions<WeChatPayOptions>().Bind(configuration.GetSection(WeChatPayOptions.Section));
        services.AddOptions<InsuranceOptions>().Bind(configuration.GetSection(InsuranceOptions.Section));

        // Singletons: the Alipay keys are parsed once, the insurance sign-in (sign_no) is kept for the day.
        services.AddHttpClient(nameof(AlipayClient));
        services.AddHttpClient(nameof(InsuranceClient));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<AlipayClient>(sp,
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(AlipayClient))));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<InsuranceClient>(sp,
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(InsuranceClient))));
        services.AddHttpClient(WeChatPayClient.HttpClientName);
        services.AddHttpClient(WeChatPayClient.SecureHttpClientName).ConfigurePrimaryHttpMessageHandler(sp =>
        {
            var options = configuration.GetSection(WeChatPayOptions.Section).Get<WeChatPayOptions>() ?? new();
            var handler = new HttpClientHandler();
            if (!string.IsNullOrEmpty(options.ClientCertificatePath))
            {
                // /secapi/ (reverse, refund) authenticates the merchant by its apiclient certificate.
                handler.ClientCertificates.Add(X509CertificateLoader.LoadPkcs12FromFile(
                    options.ClientCertificatePath, options.ClientCertificatePassword ?? options.MchId));
            }
            return handler;
        });
        services.AddSingleton<WeChatPayClient>();
        services.AddSingleton<IPaymentChannel>(sp => sp.GetRequiredService<AlipayClient>());
        services.AddSingleton<IPaymentChannel>(sp => sp.GetRequiredService<WeChatPayClient>());
        services.AddSingleton<IPaymentChannel>(sp => sp.GetRequiredService<InsuranceClient>());
        services.AddSingleton<Bills.IChannelBill>(sp => sp.GetRequiredService<AlipayClient>());
        services.AddSingleton<Bills.IChannelBill>(sp => sp.GetRequiredService<WeChatPayClient>());
        services.AddSingleton<IInsurancePlatform>(sp => sp.GetRequiredService<InsuranceClient>());
        return services;
    }
}
