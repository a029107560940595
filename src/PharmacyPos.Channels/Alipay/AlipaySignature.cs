using System.Security.Cryptography;
using System.Text;

namespace PharmacyPos.Channels.Alipay;

/// <summary>
/// RSA2 as Alipay's open platform defines it: every parameter but sign (and, on requests,
/// sign_type stays in), non-empty, sorted by name in ordinal order, joined k=v&amp;… with raw
/// values, SHA256withRSA (PKCS#1 v1.5) over the UTF-8 bytes, Base64.
/// </summary>
public static class AlipaySignature
{
    public static string Content(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join("&", parameters
            .Where(p => p.Key != "sign" && !string.IsNullOrEmpty(p.Value))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + p.Value));

    public static string Sign(string content, RSA privateKey) =>
        Convert.ToBase64String(privateKey.SignData(Encoding.UTF8.GetBytes(content), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

    public static bool Verify(string content, string? signature, RSA publicKey)
    {
        if (string.IsNullOrEmpty(signature)) return false;
        try
        {
            return publicKey.VerifyData(Encoding.UTF8.GetBytes(content), Convert.FromBase64String(signature),
                HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
