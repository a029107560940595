namespace PharmacyPos.Channels.Alipay;

public sealed class AlipayOptions
{
    public const string Section = "Channels:Alipay";

    /// <summary>Production: https://openapi.alipay.com/gateway.do</summary>
    public string GatewayUrl { get; set; } = "";
    public string AppId { get; set; } = "";

    /// <summary>The app's RSA private key (PEM or Base64 PKCS#8): from user-secrets or the environment, never the repo.</summary>
    public string AppPrivateKey { get; set; } = "";

    /// <summary>Alipay's public key (PEM or Base64 SPKI), to verify every response.</summary>
    public string AlipayPublicKey { get; set; } = "";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
