using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PharmacyPos.Sandbox;

/// <summary>
/// The certificates of WeChat Pay's /secapi/ calls, as the sandbox plays both sides of them: its own
/// HTTPS server certificate (loopback), and the merchant's API certificate (apiclient_cert.p12, whose
/// password is the mch_id) that real WeChat issues to a merchant and asks for on reverse and refund.
/// Made on a till's first start with the sandbox's keys and kept with them (<see cref="SandboxKeyFile"/>).
/// </summary>
public static class SandboxCertificates
{
    /// <remarks>
    /// ECDSA P-256: the sandbox's own TLS is not part of WeChat's protocol (the merchant's certificate
    /// is, and stays RSA as WeChat issues it), and a P-256 key is made in microseconds where an RSA-2048
    /// key takes a till's first install a quarter of its key-making.
    /// </remarks>
    public static byte[] NewServerPfx()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=PharmacyPos Sandbox", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2));
        return cert.Export(X509ContentType.Pfx);
    }

    /// <summary>The merchant's API certificate as WeChat hands it out: a PKCS#12 file protected by the mch_id.</summary>
    public static byte[] NewMerchantPfx(string mchId)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={mchId}, OU=apiclient, O=PharmacyPos Sandbox", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2));
        return cert.Export(X509ContentType.Pfx, mchId);
    }

    public static X509Certificate2 Load(byte[] pfx, string? password = null) => X509CertificateLoader.LoadPkcs12(pfx, password);
}
