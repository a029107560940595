using PharmacyPos.Channels;

namespace PharmacyPos.Sandbox;

/// <summary>
/// The sandbox's identity on each channel: the keys it signs with and the keys it expects the
/// POS to sign with. <see cref="Generate"/> makes a fresh set; the POS's embedded sandbox keeps
/// its set beside the database (<see cref="SandboxKeyFile"/>), the tests make one per run.
/// </summary>
public sealed class SandboxOptions
{
    public string AlipayAppId { get; set; } = "2021000000000001";
    /// <summary>The platform's private key: signs every gateway answer.</summary>
    public string AlipayPrivateKey { get; set; } = "";
    public string AlipayPublicKey { get; set; } = "";
    /// <summary>The app's public key: verifies every request.</summary>
    public string AppPublicKey { get; set; } = "";
    /// <summary>Handed to the POS only when both run in one process.</summary>
    public string AppPrivateKey { get; set; } = "";

    public string WeChatAppId { get; set; } = "wx0000000000000001";
    public string WeChatMchId { get; set; } = "1900000001";
    public string WeChatApiKey { get; set; } = "";

    public string InsurancePaasId { get; set; } = "sandbox";
    public string InsurancePaasToken { get; set; } = "";
    public string FixmedinsCode { get; set; } = "P11010500001";

    /// <summary>The sandbox's own HTTPS certificate (PKCS#12, no password), for /secapi/.</summary>
    public byte[] ServerCertificatePfx { get; set; } = [];

    /// <summary>The merchant's API certificate (apiclient_cert.p12, password = mch_id) the sandbox issued and asks for on /secapi/.</summary>
    public byte[] MerchantCertificatePfx { get; set; } = [];

    /// <summary>How long a payment code stays valid once shown (real ones last about a minute).</summary>
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a "timeout" fault makes the gateway sit on a request.</summary>
    public TimeSpan TimeoutFaultDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The thumbprint of the merchant certificate /secapi/ accepts.</summary>
    public string MerchantCertificateThumbprint
    {
        get
        {
            using var cert = SandboxCertificates.Load(MerchantCertificatePfx, WeChatMchId);
            return cert.Thumbprint;
        }
    }

    /// <summary>A fresh identity. Its four RSA keys are made side by side: one alone takes 100–300 ms.</summary>
    public static SandboxOptions Generate()
    {
        var mchId = new SandboxOptions().WeChatMchId;
        var alipay = Task.Run(Keys.NewPair);
        var app = Task.Run(Keys.NewPair);
        var server = Task.Run(SandboxCertificates.NewServerPfx);
        var merchant = SandboxCertificates.NewMerchantPfx(mchId);
        var ((alipayPrivate, alipayPublic), (appPrivate, appPublic)) = (alipay.GetAwaiter().GetResult(), app.GetAwaiter().GetResult());
        return new SandboxOptions
        {
            ServerCertificatePfx = server.GetAwaiter().GetResult(),
            MerchantCertificatePfx = merchant,
            AlipayPrivateKey = alipayPrivate,
            AlipayPublicKey = alipayPublic,
            AppPrivateKey = appPrivate,
            AppPublicKey = appPublic,
            WeChatApiKey = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)),
            InsurancePaasToken = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)),
        };
    }
}
