namespace PharmacyPos.Channels.WeChatPay;

public sealed class WeChatPayOptions
{
    public const string Section = "Channels:WeChatPay";

    /// <summary>Production: https://api.mch.weixin.qq.com</summary>
    public string BaseUrl { get; set; } = "";
    public string AppId { get; set; } = "";
    public string MchId { get; set; } = "";

    /// <summary>The merchant API key (32 characters): signs requests and verifies answers.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>HMAC-SHA256 (preferred) or MD5.</summary>
    public string SignType { get; set; } = WeChatSignature.HmacSha256;

    /// <summary>Where the /secapi/ calls (reverse, refund) go; empty means <see cref="BaseUrl"/> (as in production, one HTTPS host).</summary>
    public string SecureBaseUrl { get; set; } = "";

    /// <summary>
    /// A gateway certificate to trust besides the system's CAs (PEM or DER): only for a gateway with its own
    /// self-made certificate, i.e. the sandbox. Empty in production.
    /// </summary>
    public string? GatewayCertificatePath { get; set; }

    /// <summary>apiclient_cert.p12 for the /secapi/ calls (reverse, refund); password defaults to the mch_id.</summary>
    public string? ClientCertificatePath { get; set; }
    public string? ClientCertificatePassword { get; set; }

    /// <summary>spbill_create_ip: the till's address as WeChat sees it.</summary>
    public string TerminalIp { get; set; } = "127.0.0.1";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
