using System.Security.Cryptography;
using System.Text;

namespace PharmacyPos.Channels.WeChatPay;

/// <summary>
/// WeChat Pay v2 signature: non-empty fields but sign, sorted by name (ordinal), joined
/// k=v&amp;…, then &amp;key=API key; MD5 or HMAC-SHA256 (keyed with the API key), upper-case hex.
/// </summary>
public static class WeChatSignature
{
    public const string Md5 = "MD5";
    public const string HmacSha256 = "HMAC-SHA256";

    public static string Content(IReadOnlyDictionary<string, string> fields, string apiKey) =>
        string.Join("&", fields
            .Where(f => f.Key != "sign" && !string.IsNullOrEmpty(f.Value))
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => f.Key + "=" + f.Value)) + "&key=" + apiKey;

    public static string Sign(IReadOnlyDictionary<string, string> fields, string apiKey, string signType)
    {
        var content = Encoding.UTF8.GetBytes(Content(fields, apiKey));
        var hash = signType == Md5
            ? MD5.HashData(content)
            : HMACSHA256.HashData(Encoding.UTF8.GetBytes(apiKey), content);
        return Convert.ToHexString(hash);
    }

    /// <summary>The sign type is the one the message names (absent means MD5, as the v2 API defines).</summary>
    public static bool Verify(IReadOnlyDictionary<string, string> fields, string apiKey)
    {
        if (!fields.TryGetValue("sign", out var sign) || sign.Length == 0) return false;
        var signType = fields.TryGetValue("sign_type", out var t) && t.Length > 0 ? t : Md5;
        if (signType is not (Md5 or HmacSha256)) return false;
        var expected = Sign(fields, apiKey, signType);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(sign.ToUpperInvariant()));
    }
}
