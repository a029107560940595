using System.Security.Cryptography;

namespace PharmacyPos.Channels;

/// <summary>
/// RSA keys as the channels hand them out: PEM, or the bare Base64 that Alipay's key tool
/// prints (PKCS#8 private key, X.509 SubjectPublicKeyInfo public key).
/// </summary>
public static class Keys
{
    public static RSA PrivateKey(string text)
    {
        var rsa = RSA.Create();
        if (text.Contains("-----BEGIN", StringComparison.Ordinal)) rsa.ImportFromPem(text);
        else rsa.ImportPkcs8PrivateKey(Convert.FromBase64String(Strip(text)), out _);
        return rsa;
    }

    public static RSA PublicKey(string text)
    {
        var rsa = RSA.Create();
        if (text.Contains("-----BEGIN", StringComparison.Ordinal)) rsa.ImportFromPem(text);
        else rsa.ImportSubjectPublicKeyInfo(Convert.FromBase64String(Strip(text)), out _);
        return rsa;
    }

    /// <summary>A fresh 2048-bit pair as Base64 (private PKCS#8, public SPKI), for the sandbox and tests.</summary>
    public static (string PrivateKey, string PublicKey) NewPair()
    {
        using var rsa = RSA.Create(2048);
        return (Convert.ToBase64String(rsa.ExportPkcs8PrivateKey()), Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo()));
    }

    private static string Strip(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
