using PharmacyPos.Channels.Alipay;
using PharmacyPos.Channels.Insurance;
using PharmacyPos.Channels.WeChatPay;

namespace PharmacyPos.Sandbox;

/// <summary>The POS settings that point the three channel clients at a sandbox with these keys.</summary>
public static class ClientConfiguration
{
    /// <param name="secureAddress">The sandbox's HTTPS address (<see cref="SandboxApp.SecureAddress"/>), for /secapi/.</param>
    /// <param name="folder">Where the merchant's apiclient_cert.p12 and the sandbox's certificate are written for the POS to read.</param>
    public static Dictionary<string, string?> For(SandboxOptions options, string address, string secureAddress, string folder)
    {
        Directory.CreateDirectory(folder);
        var merchant = Path.Combine(folder, "apiclient_cert.p12");
        var gateway = Path.Combine(folder, "sandbox_gateway.cer");
        File.WriteAllBytes(merchant, options.MerchantCertificatePfx);
        using (var server = SandboxCertificates.Load(options.ServerCertificatePfx))
            File.WriteAllBytes(gateway, server.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Cert));
        var settings = For(options, address);
        settings[$"{WeChatPayOptions.Section}:SecureBaseUrl"] = secureAddress;
        settings[$"{WeChatPayOptions.Section}:ClientCertificatePath"] = merchant;
        settings[$"{WeChatPayOptions.Section}:GatewayCertificatePath"] = gateway;
        return settings;
    }

    private static Dictionary<string, string?> For(SandboxOptions options, string address) => new()
    {
        [$"{AlipayOptions.Section}:GatewayUrl"] = address + "/gateway.do",
        [$"{AlipayOptions.Section}:AppId"] = options.AlipayAppId,
        [$"{AlipayOptions.Section}:AppPrivateKey"] = options.AppPrivateKey,
        [$"{AlipayOptions.Section}:AlipayPublicKey"] = options.AlipayPublicKey,
        [$"{WeChatPayOptions.Section}:BaseUrl"] = address,
        [$"{WeChatPayOptions.Section}:AppId"] = options.WeChatAppId,
        [$"{WeChatPayOptions.Section}:MchId"] = options.WeChatMchId,
        [$"{WeChatPayOptions.Section}:ApiKey"] = options.WeChatApiKey,
        [$"{InsuranceOptions.Section}:BaseUrl"] = address,
        [$"{InsuranceOptions.Section}:FixmedinsCode"] = options.FixmedinsCode,
        [$"{InsuranceOptions.Section}:PaasId"] = options.InsurancePaasId,
        [$"{InsuranceOptions.Section}:PaasToken"] = options.InsurancePaasToken,
    };

    /// <summary>The same settings as environment variables for a POS process (keys are too long for a command line).</summary>
    public static Dictionary<string, string> AsEnvironment(IEnumerable<KeyValuePair<string, string?>> settings) =>
        settings.ToDictionary(kv => kv.Key.Replace(":", "__", StringComparison.Ordinal), kv => kv.Value ?? "");
}
